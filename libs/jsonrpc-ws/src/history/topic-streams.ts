import type { RecoveredPublication } from './positioned-frame';

/** What a subscription with positions learns of a topic that keeps history. */
export interface TopicStream {
  /** The stream's identity; a change means the history was lost or reset. */
  epoch: string;
  /** The offset of the topic's last publication (0 before the first). */
  offset: number;
  /** Only when asked to recover: whether `publications` are exactly the ones missed. */
  recovered?: boolean;
  /** Only when asked to recover: the missed publications, in order (none when not recovered). */
  publications?: RecoveredPublication[];
}
