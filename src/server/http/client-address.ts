import type http from 'node:http';
import net from 'node:net';

const bare = (address: string) => address.replace(/^::ffff:/, '');

/**
 * The address a request came from, as sign-in limits and logs count it: the socket's, or, when that is one of the
 * reverse proxies named by --trusted-proxy, the last address X-Forwarded-For lists that is not one of them (each
 * proxy appends the address it was reached from; what stands before may be anything the client wrote). Behind a
 * proxy every request comes from the proxy's address, and a limit per address then counted the whole team as one.
 */
export function clientAddress(req: Pick<http.IncomingMessage, 'socket' | 'headers'>, trusted: readonly string[]): string {
  const socket = bare(req.socket.remoteAddress ?? '');
  if (!trusted.length || !trusted.includes(socket)) return socket;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = bare(hops[i].trim());
    if (!hop || trusted.includes(hop)) continue;
    return net.isIP(hop) ? hop : socket;
  }
  return socket;
}
