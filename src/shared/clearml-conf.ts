/** The `clearml.conf` block that points the ClearML SDK (and ours) at a Taskdeck server. */
export function clearmlConf(baseUrl: string, keys: { accessKey: string; secretKey: string }): string {
  return `api {
    api_server: ${baseUrl}/api
    web_server: ${baseUrl}
    files_server: ${baseUrl}/files
    credentials {
        "access_key" = "${keys.accessKey}"
        "secret_key" = "${keys.secretKey}"
    }
}`;
}
