/** `taskdeck users add|list|set-role|disable|enable|reset-password`: user management on the data folder. */
import { parseArgs } from 'node:util';

export const USERS_USAGE = `Usage: taskdeck users <action> [--data DIR [--create]] [--database postgres://...]

  add LOGIN [--name NAME] [--role admin|member|viewer] [--password PASSWORD]
                            a new user (role member by default); without --password one is made and printed once
  list                      every user: login, role, state, name
  set-role LOGIN ROLE       change a user's role
  disable LOGIN             the user's keys, tokens and sessions stop working at once
  enable LOGIN              undo disable
  reset-password LOGIN      a new random password, printed once; the user's sessions end
The data folder is --data, else TASKDECK_DATA, else ./data; --database or TASKDECK_DATABASE_URL selects PostgreSQL (as for the server).
A data folder holding no Taskdeck data is refused; add … --create makes a new store there (before the server's first start).`;

export async function usersCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      database: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      create: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  const [action, login, arg] = positionals;
  const need = (v: string | undefined, what: string) => {
    if (!v) throw new Error(`${what} is missing\n\n${USERS_USAGE}`);
    return v;
  };
  // The server's modules load only for commands that use them.
  const { configFromArgs } = await import('../server/config');
  const { openCommandStore } = await import('./command-store');
  const users = await import('../server/accounts/users');
  const { isRole } = await import('../server/policies');
  const args = [...(values.data ? ['--data', values.data] : []), ...(values.database ? ['--database', values.database] : [])];
  const config = configFromArgs(args, process.env);
  const store = await openCommandStore(config, {
    // Only adding a user prepares a new folder: any other action on a folder without users is a mistyped path.
    create: values.create && action === 'add',
    offersCreate: action === 'add',
  });
  const role = (r: string | undefined) => {
    if (!isRole(r)) throw new Error(`The role is one of admin, member, viewer (got "${r ?? ''}")`);
    return r;
  };
  try {
    switch (action) {
      case 'add': {
        const { user, password } = await users.createUser(store, {
          login: need(login, 'LOGIN'),
          name: values.name,
          role: role(values.role ?? 'member'),
          password: values.password,
        });
        console.log(`Added ${user.role} "${user.login}" (${user.name})${values.password ? '' : ` with password ${password}`}`);
        break;
      }
      case 'list':
        for (const u of await store.auth.listUsers()) {
          console.log(`${u.login.padEnd(24)} ${u.role.padEnd(7)} ${(u.disabled ? 'disabled' : 'active').padEnd(9)} ${u.name}`);
        }
        break;
      case 'set-role':
        await users.updateUser(store, need(login, 'LOGIN'), { role: role(need(arg, 'ROLE')) });
        console.log(`"${login}" is now ${arg}`);
        break;
      case 'disable':
      case 'enable':
        await users.updateUser(store, need(login, 'LOGIN'), { disabled: action === 'disable' });
        console.log(`"${login}" is ${action}d`);
        break;
      case 'reset-password': {
        const { user, password } = await users.resetPassword(store, need(login, 'LOGIN'));
        console.log(`New password for "${user.login}": ${password}`);
        break;
      }
      default:
        throw new Error(USERS_USAGE);
    }
  } finally {
    await store.close();
  }
}
