/**
 * API errors as ClearML reports them: an HTTP code, a numeric subcode and a
 * message for people. Subcodes follow clearml-server's apierrors table.
 */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly subcode: number,
    message: string,
    readonly data: Record<string, unknown> = {},
    /** Extra response headers (Retry-After on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const errors = {
  badRequest: (msg: string, data?: Record<string, unknown>) => new ApiError(400, 0, msg, data),
  validation: (msg: string, data?: Record<string, unknown>) => new ApiError(400, 12, msg, data),
  invalidId: (msg: string) => new ApiError(400, 14, msg),
  batchContainsNoItems: () => new ApiError(400, 17, 'The batch request contains no items'),
  invalidUserId: (id: string) => new ApiError(400, 301, `Invalid user id: no user with id ${id}`, { id }),
  invalidTaskId: (id: string) => new ApiError(400, 101, `Invalid task id: no task with id ${id}`, { id }),
  invalidTaskIds: (ids: string[]) =>
    new ApiError(
      400,
      101,
      `Invalid task ids: no task with id ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''}`,
      { ids },
    ),
  eventsNotAdded: (msg: string, data?: Record<string, unknown>) => new ApiError(400, 131, msg, data),
  invalidTaskStatus: (msg: string, data?: Record<string, unknown>) => new ApiError(400, 110, msg, data),
  invalidModelId: (id: string) => new ApiError(400, 201, `Invalid model id: no model with id ${id}`, { id }),
  modelInUse: (msg: string) => new ApiError(400, 203, msg),
  invalidProjectId: (id: string) => new ApiError(400, 401, `Invalid project id: no project with id ${id}`, { id }),
  projectHasTasks: (msg: string) => new ApiError(400, 403, msg),
  projectExists: (name: string) => new ApiError(400, 405, `A project named "${name}" already exists`, { name }),
  projectSameLocation: (location: string) =>
    new ApiError(400, 410, `The project is already ${location ? `under "${location}"` : 'at the top level'}`, { location }),
  projectMergedIntoChild: (name: string, destination: string) =>
    new ApiError(400, 412, `Project "${name}" cannot be merged into its own sub-project "${destination}"`, { name, destination }),
  projectUnderItself: (name: string, location: string) =>
    new ApiError(400, 411, `Project "${name}" cannot be moved under itself ("${location}")`, { name, location }),
  invalidQueueId: (id: string) => new ApiError(400, 701, `Invalid queue id: no queue with id ${id}`, { id }),
  queueNotEmpty: (msg: string) => new ApiError(400, 702, msg),
  queueExists: (name: string) => new ApiError(400, 703, `A queue named "${name}" already exists`, { name }),
  taskNotInQueue: (task: string, queue: string) =>
    new ApiError(400, 704, `Task ${task} is not in queue "${queue}"`, { task, queue }),
  taskAlreadyQueued: (task: string, queue: string) =>
    new ApiError(400, 706, `Task ${task} is already in queue "${queue}"`, { task, queue }),
  noDefaultQueue: () => new ApiError(400, 705, 'No queue is marked as default'),
  invalidWorkerId: (id: string) => new ApiError(400, 1001, `Unknown worker: ${id}`, { id }),
  unauthorized: (msg = 'Unauthorized: missing or invalid credentials') => new ApiError(401, 20, msg),
  badCredentials: () => new ApiError(401, 22, 'Unauthorized: invalid access key or secret key'),
  tokenExpired: () => new ApiError(401, 23, 'Unauthorized: the token has expired, log in again'),
  forbidden: (msg: string) => new ApiError(403, 0, msg),
  unknownEndpoint: (name: string) => new ApiError(404, 0, `Unknown endpoint: ${name}`),
  methodNotAllowed: (method: string) => new ApiError(405, 0, `Method ${method} is not allowed here`),
  tooLarge: (msg: string) => new ApiError(413, 0, msg),
  internal: (msg: string) => new ApiError(500, 0, msg),
};
