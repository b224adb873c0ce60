/**
 * `pp proxy … --ui`: a local web page (on 127.0.0.1 only) with the live packet table and the
 * traffic charts. The page gets events over Server-Sent Events; the server keeps the last
 * `history` packets so a page opened late (or reloaded) starts with them. Charts use uPlot
 * (MIT, ~50 KB, no dependencies), served from this package's own node_modules.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ProxyEvent } from '../proxy/events.js';
import { eventJson } from '../proxy/outputs.js';
import { toHex } from '../values.js';
import { pageHtml } from './page.js';

/** Options of `startUi`. */
export interface UiOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** Events (packets, connections) kept for pages that connect later. @default 5000 */
  history?: number;
  /** Shown in the page title, e.g. "pp proxy ws: 127.0.0.1:9080 → 127.0.0.1:9081". */
  title: string;
  /** Bytes of each packet sent to the page (the detail view says when a packet was cut). @default 65536 */
  maxBytes?: number;
  /** Show the ENet columns (channel, Godot's mode and channel, flags). @default false */
  enet?: boolean;
}

/** The running web page server, from `startUi`. */
export interface UiServer {
  /** The page's address, `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** The sink to add to the proxy: sends each event to every open page and keeps it in the history. */
  readonly sink: (event: ProxyEvent) => void;
  /** Closes the server and every open page's connection. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const ASSETS: Record<string, [string, string]> = {
  '/uplot.js': [require.resolve('uplot/dist/uPlot.iife.min.js'), 'text/javascript'],
  '/uplot.css': [require.resolve('uplot/dist/uPlot.min.css'), 'text/css'],
};

/**
 * Starts the `--ui` page server on 127.0.0.1 (`port`, 0 for any free one). Rejects when the port cannot be
 * listened on.
 */
export async function startUi(options: UiOptions): Promise<UiServer> {
  const historyLimit = options.history ?? 5000;
  const maxBytes = options.maxBytes ?? 65536;
  const history: string[] = [];
  const clients = new Set<ServerResponse>();
  const page = pageHtml(options.title, { enet: options.enet ?? false });

  const serialize = (event: ProxyEvent): string => {
    const json = eventJson(event);
    if (event.kind === 'packet') {
      json.hex = toHex(event.bytes.subarray(0, maxBytes));
      json.cut = event.bytes.length > maxBytes;
    }
    return `data: ${JSON.stringify(json)}\n\n`;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (path === '/') {
      response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else if (path === '/events') {
      response.writeHead(200, { ...headers, 'content-type': 'text/event-stream', connection: 'keep-alive' });
      response.write('retry: 1000\n\n');
      for (const line of history) response.write(line);
      clients.add(response);
      request.on('close', () => clients.delete(response));
    } else if (path === '/favicon.ico') {
      response.writeHead(204, headers).end();
    } else if (ASSETS[path]) {
      const [file, type] = ASSETS[path];
      response.writeHead(200, { ...headers, 'content-type': type }).end(await readFile(file));
    } else {
      response.writeHead(404, headers).end('not found');
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/`,
    sink: (event) => {
      const line = serialize(event);
      history.push(line);
      if (history.length > historyLimit) history.splice(0, history.length - historyLimit);
      for (const client of clients) client.write(line);
    },
    close: async () => {
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
