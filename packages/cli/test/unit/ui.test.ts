/** The --ui server: the page, its chart library, and the live event stream with history. */
import { afterEach, describe, expect, it } from 'vitest';
import { startUi, type ProxyEvent, type UiServer } from '../../src/index.js';
import { describePacket } from '../../src/proxy/inspector.js';

let ui: UiServer | null = null;
afterEach(async () => {
  await ui?.close();
  ui = null;
});

const packet = (index: number): ProxyEvent =>
  describePacket({ connection: 1, peer: '127.0.0.1:5', direction: index % 2 ? 's2c' : 'c2s', frame: 'binary', bytes: new Uint8Array([2, 0, 0, 0, index, 0, 0, 0]) }, index, 1_700_000_000_000 + index, 'ws', 'godot4');

/** The page's event stream, read event by event. */
async function eventStream(url: string): Promise<{ next(): Promise<Record<string, unknown>>; close(): Promise<void> }> {
  const response = await fetch(`${url}events`);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  return {
    async next() {
      for (;;) {
        let end: number;
        while ((end = text.indexOf('\n\n')) !== -1) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          if (block.startsWith('data: ')) return JSON.parse(block.slice(6)) as Record<string, unknown>;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        text += new TextDecoder().decode(value);
      }
    },
    close: () => reader.cancel(),
  };
}

describe('the inspector page server', () => {
  it('serves the page and uPlot on 127.0.0.1 only', async () => {
    ui = await startUi({ title: 'pp proxy ws: <test>' });
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await (await fetch(ui.url)).text();
    expect(page).toContain('<title>pp proxy ws: &lt;test&gt;</title>');
    expect(page).toContain('new EventSource');
    const uplot = await fetch(`${ui.url}uplot.js`);
    expect(uplot.status).toBe(200);
    expect((await uplot.text()).length).toBeGreaterThan(10_000);
    expect((await fetch(`${ui.url}nope`)).status).toBe(404);
  });

  it('streams events live, and replays the last `history` to a page that connects late', async () => {
    ui = await startUi({ title: 't', history: 3 });
    for (let i = 0; i < 5; i++) ui.sink(packet(i));
    const stream = await eventStream(ui.url);
    const history = [await stream.next(), await stream.next(), await stream.next()];
    expect(history.map((e) => e.index)).toEqual([2, 3, 4]);
    ui.sink(packet(5));
    expect(await stream.next()).toMatchObject({ kind: 'packet', index: 5, direction: 's2c', type: 'int', text: '5', hex: '0200000005000000', cut: false });
    await stream.close();
  });
});
