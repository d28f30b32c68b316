/** What the demo keeps about a logged-in user (`session.user`, `@RpcUser()`). */
export interface DemoUser {
  userId: string;
  roles: string[];
}
