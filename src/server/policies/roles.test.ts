/** Roles over real HTTP: a viewer is refused on every write endpoint, members write, admins manage users. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../app';
import { userClient, post } from '../testing/accounts';
import { rawRequest } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';

// Written out by hand (not derived from the code under test): what a viewer may call.
const VIEWER_MAY_CALL = new Set([
  'auth.login',
  'auth.sign_in',
  'auth.sign_out',
  'auth.change_password',
  'auth.create_credentials',
  'auth.get_credentials',
  'auth.revoke_credentials',
  'auth.edit_credentials',
  'users.get_current_user',
  'users.get_all',
  // Their own dashboard preferences.
  'users.get_preferences',
  'users.set_preferences',
  'server.info',
  'tasks.get_by_id',
  'tasks.get_all',
  'tasks.get_all_ex',
  'tasks.get_hyper_params',
  'tasks.get_configurations',
  'tasks.get_configuration_names',
  'projects.get_by_id',
  'projects.get_all',
  'projects.get_all_ex',
  'projects.get_hyper_parameters',
  'projects.get_unique_metric_variants',
  'models.get_by_id',
  'models.get_all',
  'queues.get_by_id',
  'queues.get_all',
  'queues.get_all_ex',
  'queues.get_default',
  'queues.peek_task',
  'queues.get_num_entries',
  'queues.get_queue_metrics',
  'workers.get_all',
  'events.get_task_plots',
  'events.debug_images',
  'events.get_task_metrics',
  'events.get_task_single_value_metrics',
  'events.scalar_metrics_iter_histogram',
  'events.multi_task_scalar_metrics_iter_histogram',
  'events.download_task_log',
  'events.get_scalar_metrics_and_variants',
  'events.get_task_log',
  'events.get_task_log_lines',
  'events.search_task_log',
  'events.get_task_events',
  'events.get_scalar_metric_data',
  'events.scalar_metrics_iter_raw',
  'events.get_task_latest_scalar_values',
  'events.get_debug_image_sample',
  'events.next_debug_image_sample',
  'events.get_plot_sample',
  'events.next_plot_sample',
  'events.get_multi_task_plots',
  'events.get_multi_task_metrics',
  'events.get_vector_metrics_and_variants',
  'events.vector_metrics_iter_histogram',
  'events.plots',
  'events.clear_scroll',
  'models.get_all_ex',
  'models.get_by_task_id',
  'models.get_frameworks',
  'projects.get_model_metadata_keys',
  'projects.get_model_metadata_values',
  'projects.get_model_tags',
  'projects.get_task_tags',
  'organization.get_tags',
  'projects.get_task_parents',
  'workers.get_metric_keys',
  'workers.get_stats',
  'workers.get_activity_report',
  'projects.validate_delete',
  'projects.get_user_names',
  'projects.get_project_tags',
  'tasks.get_types',
  'projects.get_hyperparam_values',
]);
const ADMIN_ONLY = [
  'users.create',
  'users.update',
  'users.reset_password',
  'users.get_credentials',
  'users.revoke_credentials',
  'auth.edit_user',
];

let srv: TestServer;
let viewer: Awaited<ReturnType<typeof userClient>>;
let member: Awaited<ReturnType<typeof userClient>>;
let taskId: string;

async function snapshot(): Promise<string> {
  const c = srv.client;
  return JSON.stringify([
    await c.call('tasks.get_all', { search_hidden: true }),
    await c.call('projects.get_all', { search_hidden: true }),
    await c.call('models.get_all', {}),
    await c.call('queues.get_all', {}),
    await c.call('users.get_all', {}),
    await c.call('workers.get_all', {}),
    await c.call('events.get_task_log', { task: taskId }),
  ]);
}

beforeAll(async () => {
  srv = await startTestServer();
  const { id: project } = await srv.client.call('projects.create', { name: 'roles' });
  taskId = (await srv.client.call('tasks.create', { name: 'seed', type: 'training', project })).id;
  await srv.client.call('events.add_batch', [{ type: 'log', task: taskId, msg: 'line' }]);
  viewer = await userClient(srv, 'vera', 'viewer');
  member = await userClient(srv, 'mo', 'member');
}, 60_000);
afterAll(() => srv?.stop());

describe('a viewer', () => {
  it('is refused with 403 naming the role on every endpoint that writes, and the store stays as it was', async () => {
    const writes = ENDPOINTS.map((e) => e.name).filter((n) => !VIEWER_MAY_CALL.has(n));
    expect(writes.length).toBeGreaterThan(40);
    const before = await snapshot();
    const token = viewer.client.token!;
    for (const name of writes) {
      const r = await post(
        srv,
        name,
        { task: taskId, name: 'x', type: 'training', login: 'z', role: 'admin', user: viewer.id },
        { Authorization: `Bearer ${token}` },
      );
      expect(r.status, name).toBe(403);
      expect(r.json.meta.result_code, name).toBe(403);
      if (ADMIN_ONLY.includes(name))
        expect(r.json.meta.result_msg, name).toBe(`viewer role may not call ${name}: it needs admin`);
      else expect(r.json.meta.result_msg, name).toBe(`viewer role is read-only: ${name} needs member`);
    }
    expect(await snapshot()).toBe(before);
  });

  it('is refused an upload to /files', async () => {
    const b = 'xxB';
    const body = `--${b}\r\nContent-Disposition: form-data; name="v/x.txt"; filename="v/x.txt"\r\n\r\nhello\r\n--${b}--\r\n`;
    const r = await rawRequest(
      `${srv.url}/files/`,
      'POST',
      { Authorization: `Bearer ${viewer.client.token}`, 'Content-Type': `multipart/form-data; boundary=${b}` },
      body,
    );
    expect(r.status).toBe(403);
    expect((await rawRequest(`${srv.url}/files/v/x.txt`, 'GET', { Authorization: `Bearer ${srv.client.token}` })).status).toBe(
      404,
    );
  });

  it('reads tasks, projects and its own user', async () => {
    const { tasks } = await viewer.client.call('tasks.get_all', {});
    expect(tasks.map((t) => t.id)).toContain(taskId);
    const me = await viewer.client.call('users.get_current_user');
    expect(me.user).toMatchObject({ id: viewer.id, role: 'viewer', name: 'User vera' });
  });
});

describe('a member', () => {
  it('creates and changes tasks, projects, models and queues, recorded as their own', async () => {
    const { id: project } = await member.client.call('projects.create', { name: 'member-project' });
    const { id: task } = await member.client.call('tasks.create', { name: 'mine', type: 'training', project });
    await member.client.call('tasks.edit', { task, comment: 'edited' });
    const { id: model } = await member.client.call('models.create', { name: 'm', uri: 'file:///m.pt', project });
    const { id: queue } = await member.client.call('queues.create', { name: 'member-queue' });
    await member.client.call('tasks.enqueue', { task, queue });
    const t = await srv.client.call('tasks.get_by_id', { task });
    expect(t.task).toMatchObject({ user: member.id, comment: 'edited' });
    const p = await srv.client.call('projects.get_by_id', { project });
    expect(p.project.user).toBe(member.id);
    const m = await srv.client.call('models.get_by_id', { model });
    expect(m.model.user).toBe(member.id);
    const q = await srv.client.call('queues.get_by_id', { queue });
    expect(q.queue.user).toBe(member.id);
  });

  it('may not manage users', async () => {
    for (const name of ADMIN_ONLY) {
      const r = await post(
        srv,
        name,
        { login: 'x', role: 'admin', user: member.id },
        { Authorization: `Bearer ${member.client.token}` },
      );
      expect(r.status, name).toBe(403);
      expect(r.json.meta.result_msg).toBe(`member role may not call ${name}: it needs admin`);
    }
  });
});

describe('an admin', () => {
  it('lists users without any secret, changes roles, and resets passwords (shown once)', async () => {
    const { users } = await srv.client.call('users.get_all');
    expect(users.map((u) => u.login).sort()).toEqual(['admin', 'mo', 'vera']);
    expect(JSON.stringify(users)).not.toMatch(/scrypt|password|hash/i);
    const made = await srv.client.call('users.create', { login: 'Temp.User', role: 'viewer' });
    expect(made.password).toMatch(/^[A-Za-z0-9]{20}$/);
    await srv.client.call('users.update', { user: made.id, role: 'member', name: 'Temp' });
    const { users: after } = await srv.client.call('users.get_all', { id: [made.id] });
    expect(after).toEqual([expect.objectContaining({ id: made.id, role: 'member', login: 'temp.user', name: 'Temp' })]);
    const reset = await srv.client.call('users.reset_password', { user: 'temp.user' });
    expect(reset.password).not.toBe(made.password);
    expect((await post(srv, 'auth.sign_in', { login: 'temp.user', password: made.password })).status).toBe(401);
    expect((await post(srv, 'auth.sign_in', { login: 'temp.user', password: reset.password })).status).toBe(200);
  });

  it("changes a role through ClearML's auth.edit_user: superuser and admin are admin, user is member, annotator viewer", async () => {
    const { id } = await srv.client.call('users.create', { login: 'clearml.tooling', role: 'viewer' });
    const roleOf = async () => (await srv.client.call('users.get_all', { id: [id] })).users[0].role;
    const expected = [
      ['user', 'member'],
      ['superuser', 'admin'],
      ['annotator', 'viewer'],
      ['admin', 'admin'],
    ] as const;
    for (const [clearml, taskdeck] of expected) {
      expect(await srv.client.call('auth.edit_user', { user: id, role: clearml })).toEqual({
        updated: 1,
        fields: { role: clearml },
      });
      expect(await roleOf(), clearml).toBe(taskdeck);
    }
    // superuser after admin is admin again: nothing changed.
    expect(await srv.client.call('auth.edit_user', { user: id, role: 'superuser' })).toEqual({
      updated: 0,
      fields: { role: 'superuser' },
    });
    expect(await srv.client.call('auth.edit_user', { user: id })).toEqual({ updated: 0, fields: {} });
  });

  it('refuses auth.edit_user for an unknown user or role and an admin demoting themselves, changing nothing', async () => {
    const before = JSON.stringify(await srv.client.call('users.get_all'));
    const me = await srv.client.call('users.get_current_user');
    await expect(srv.client.call('auth.edit_user', { user: 'nobody', role: 'user' })).rejects.toMatchObject({
      code: 400,
      subcode: 301,
    });
    await expect(srv.client.call('auth.edit_user', { user: me.user.id, role: 'owner' } as never)).rejects.toMatchObject({
      code: 400,
      subcode: 12,
    });
    await expect(srv.client.call('auth.edit_user', { user: me.user.id, role: 'annotator' })).rejects.toThrow(
      /cannot demote themselves/,
    );
    expect(JSON.stringify(await srv.client.call('users.get_all'))).toBe(before);
  });

  it('refuses short passwords, duplicate logins and demoting the last admin, changing nothing', async () => {
    const before = JSON.stringify(await srv.client.call('users.get_all'));
    await expect(srv.client.call('users.create', { login: 'shorty', role: 'member', password: 'short' })).rejects.toThrow(
      /too short: at least 8/,
    );
    await expect(srv.client.call('users.create', { login: 'MO', role: 'member' })).rejects.toThrow(/already exists/);
    const me = await srv.client.call('users.get_current_user');
    await expect(srv.client.call('users.update', { user: me.user.id, role: 'viewer' })).rejects.toThrow(
      /cannot disable or demote themselves/,
    );
    expect(JSON.stringify(await srv.client.call('users.get_all'))).toBe(before);
  });
});
