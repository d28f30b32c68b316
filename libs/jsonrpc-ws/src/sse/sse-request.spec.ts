import type { IncomingMessage } from 'http';
import { readSseRequest } from './sse-request';

const request = (url: string, authorization?: string, headers: Record<string, string> = {}) =>
  ({
    url,
    headers: { ...headers, ...(authorization ? { authorization } : {}) },
  }) as IncomingMessage;

describe('readSseRequest', () => {
  it('prefers the Authorization header to the query parameter', () => {
    expect(readSseRequest(request('/sse?access_token=q', 'Bearer h'), 'access_token').token).toBe(
      'h',
    );
    expect(readSseRequest(request('/sse?access_token=q'), 'access_token').token).toBe('q');
    expect(readSseRequest(request('/sse?access_token=q'), false).token).toBeUndefined();
    expect(readSseRequest(request('/sse?access_token='), 'access_token').token).toBeUndefined();
    expect(readSseRequest(request('/sse', 'Basic abc'), 'access_token').token).toBeUndefined();
  });

  it('reads topics comma-separated or repeated, and a platform', () => {
    const asked = readSseRequest(
      request('/sse?topics=a,b&topic=c&topics=%20d%20,&platform=tv'),
      't',
    );
    expect(asked).toEqual({
      token: undefined,
      platform: 'tv',
      topics: ['a', 'b', 'c', 'd'],
      lastEventId: undefined,
    });
  });

  it('prefers the Last-Event-ID header (a reconnection) to the lastEventId in the URL', () => {
    const url = '/sse?topics=a&lastEventId=first';
    expect(readSseRequest(request(url), false).lastEventId).toBe('first');
    expect(readSseRequest(request(url, undefined, { 'last-event-id': 'later' }), false)).toEqual(
      expect.objectContaining({ lastEventId: 'later' }),
    );
    expect(readSseRequest(request('/sse?lastEventId='), false).lastEventId).toBeUndefined();
  });
});
