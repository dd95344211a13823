// A TCP proxy on 127.0.0.1 in front of a server under test. It can cut every open connection once a given number
// of request bytes has passed, to interrupt uploads mid-request, or when the next response starts, so the server
// handles a request whose response the client never sees. Its target port can change while it runs, so upload
// URLs stay valid across a server restart.
import net from 'node:net';

export async function startProxy(targetPort) {
  let forwarded = 0;
  let cutPoints = [];
  let cuts = 0;
  let dropResponses = 0;

  const pairs = new Set();

  // The client side is destroyed at once. The server side is ended after the bytes already written are flushed, so
  // the server reads a request body that ends early and the client gets a reset connection.
  const cutAll = () => {
    cuts += 1;
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.end();
    }
    pairs.clear();
  };

  const server = net.createServer((client) => {
    const upstream = net.connect(proxy.targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    const close = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    upstream.on('data', (data) => {
      if (dropResponses > 0) {
        dropResponses -= 1;
        cutAll();
        return;
      }
      client.write(data);
    });
    client.on('data', (data) => {
      if (!pairs.has(pair)) {
        return;
      }
      const untilCut = cutPoints.length > 0 ? cutPoints[0] - forwarded : Infinity;
      if (data.length < untilCut) {
        upstream.write(data);
        forwarded += data.length;
        return;
      }
      upstream.write(data.subarray(0, untilCut));
      forwarded += untilCut;
      cutPoints = cutPoints.slice(1);
      cutAll();
    });
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

  const proxy = {
    targetPort,
    url: `http://127.0.0.1:${server.address().port}`,
    get cuts() {
      return cuts;
    },
    /** Cuts all connections each time the request bytes forwarded since now pass one of `points`. */
    cutAt(points) {
      cutPoints = [...points].sort((a, b) => a - b).map((point) => forwarded + point);
    },
    /** Cuts all connections when the next response starts, before any of it reaches the client. */
    dropNextResponse() {
      dropResponses += 1;
    },
    async stop() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return proxy;
}
