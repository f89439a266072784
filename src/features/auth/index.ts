export { LoginPage } from './components/LoginPage';
export { clientFor, loadSession, saveSession, type Session } from './session';
