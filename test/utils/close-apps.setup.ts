import { closeStartedApps } from './test-app';

// A test that fails before closing its app must not leave a listening server behind (the run would hang).
afterAll(() => closeStartedApps());
