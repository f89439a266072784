export { SignInPage } from './components/SignInPage';
export { CurrentUserCtx, useCanWrite, useCurrentUser } from '../../client/current-user';
export { cookieClient, currentUser, rememberedUser, rememberUser, signIn, signOut, type CurrentUser, type Role } from './session';
