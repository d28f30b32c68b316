import { closeStartedApps } from './test-app';

// A test that fails before closing its app must not leave a listening server behind (Jest would hang).
afterAll(() => closeStartedApps());
