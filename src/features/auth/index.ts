export { SignInPage } from './components/SignInPage';
export { CurrentUserCtx, useCanWrite, useCurrentUser } from './current-user';
export { cookieClient, currentUser, rememberedUser, rememberUser, signIn, signOut, type CurrentUser, type Role } from './session';
