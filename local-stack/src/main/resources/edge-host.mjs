// Runs a CloudFront Function's code (cloudfront-js-2.0) as the edge would, for the local front.
//
//   node edge-host.mjs CODE_FILE KVS_URL
//
// The code's one import, `import cf from 'cloudfront'`, is the only line replaced: it gets a
// cloudfront module whose kvs() reads the local key-value store at KVS_URL, as the edge reads its
// replica of the associated store. The code runs in a context of its own, without Node's globals.
// Then it listens on a loopback port, prints "listening PORT", and answers each
// POST /viewer-request {request} with what the function's handler returned.
import {createServer} from 'node:http';
import {readFileSync} from 'node:fs';
import vm from 'node:vm';

const [codeFile, kvsUrl] = process.argv.slice(2);
const IMPORT = /^\s*import\s+cf\s+from\s+['"]cloudfront['"];?\s*$/m;
const source = readFileSync(codeFile, 'utf8');
if (!IMPORT.test(source)) {
  throw new Error(`${codeFile}: the function does not import cf from 'cloudfront'`);
}

const cloudfront = {
  kvs() {
    return {
      async get(key, options) {
        const response = await fetch(`${kvsUrl}/edge/keys/${encodeURIComponent(key)}`);
        if (response.status === 404) {
          throw new Error(`key not found: ${key}`);
        }
        if (!response.ok) {
          throw new Error(`the local key-value store answered ${response.status}`);
        }
        const value = await response.text();
        return options && options.format === 'json' ? JSON.parse(value) : value;
      },
      async exists(key) {
        return (await fetch(`${kvsUrl}/edge/keys/${encodeURIComponent(key)}`)).status === 200;
      }
    };
  }
};

const context = vm.createContext({__cloudfront: cloudfront, console});
const handler = vm.runInContext(source.replace(IMPORT, 'const cf = __cloudfront;') + '\n;handler', context,
    {filename: codeFile});

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', chunk => body += chunk);
  req.on('end', async () => {
    try {
      const event = {version: '1.0', context: {eventType: 'viewer-request'}, viewer: {ip: '127.0.0.1'},
        request: JSON.parse(body)};
      const result = await handler(event);
      res.writeHead(200, {'content-type': 'application/json'});
      res.end(JSON.stringify(result));
    } catch (error) {
      // The edge answers 503 when a function throws; the front does the same with this.
      res.writeHead(500, {'content-type': 'text/plain'});
      res.end(String(error && error.stack || error));
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
