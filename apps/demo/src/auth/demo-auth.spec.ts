import { Logger, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { DemoTokenService } from './demo-token.service';
import { jwtSecret } from './jwt-secret';

describe('the demo secret', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is JWT_SECRET when set', () => {
    expect(jwtSecret(new ConfigService({ JWT_SECRET: 's3cret', NODE_ENV: 'production' }))).toBe(
      's3cret',
    );
  });

  it('stops a production start without JWT_SECRET', () => {
    expect(() => jwtSecret(new ConfigService({ NODE_ENV: 'production' }))).toThrow(
      /JWT_SECRET is not set/,
    );
  });

  it('falls back to the development secret elsewhere, with a warning', () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    expect(jwtSecret(new ConfigService({}))).toBe('demo-secret-change-me');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Set JWT_SECRET'));
  });
});

describe('DemoTokenService.verify', () => {
  const jwt = new JwtService({ secret: 'test' });
  const tokens = new DemoTokenService(jwt);

  it('refuses a token without an expiry', async () => {
    const forever = await jwt.signAsync({ sub: 'ada', roles: [] });
    await expect(tokens.verify(forever)).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('accepts a token with one', async () => {
    const token = await jwt.signAsync({ sub: 'ada', roles: [] }, { expiresIn: 60 });
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: 'ada' });
  });
});
