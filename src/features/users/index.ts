export { useUsers, type UserRow } from './api/queries';
export { UsersPage } from './components/UsersPage';
