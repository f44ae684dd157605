// make_vectors.js - known-answer signature vectors from the official Alibaba Cloud Node SDKs
// (W5, W6). Writes signatures.json next to this file; tests/protocol/signing_vectors_test.cpp
// checks that paircheck's C++ signer computes the same signatures and its verifier accepts the
// requests the SDKs really put on the wire.
//
// Run: node tests/protocol/vectors/make_vectors.js   (needs tools/node/node_modules:
//      scripts/install-deps.sh --node). Loopback only; nonces and timestamps are fixed.
'use strict';
const http = require('http');
const path = require('path');
const fs = require('fs');

const nodeModules = path.resolve(__dirname, '../../../tools/node/node_modules');
const req = (name) => require(path.join(nodeModules, name));
const OpenApi = req('@alicloud/openapi-client');
const OpenApiUtil = req('@alicloud/openapi-util').default;
const Util = req('@alicloud/tea-util');
const RPCClient = req('@alicloud/pop-core').RPCClient;

const AK = 'testAccessKeyId';
const SECRETS = ['testAccessKeySecret', 'sk/with+special=&chars'];
const TIMESTAMP = '2026-11-24T19:34:22Z';
const NONCES = ['3e5bb2bbd7b9441b9f4c1b3b2fd4a7c1', 'nonce with space*~'];

// Business parameter sets: plain, unicode, spaces, '*', '~', empty values, flattened lists.
const PARAM_SETS = [
  { name: 'start', action: 'StartDiskReplicaPair', version: '2021-07-30',
    params: { RegionId: 'cn-beijing', ReplicaPairId: 'pair-cn-test0001', ClientToken: 'tok-0001', OneShot: 'true' } },
  { name: 'unicode_spaces_star_tilde_empty', action: 'CreateDiskReplicaPair', version: '2021-07-30',
    params: { RegionId: 'cn-hangzhou', PairName: 'Pär name*~ 复制', Description: 'a b+c/d?e=f&g%h', Empty: '',
              'Tag.1.Key': 'k ~*', 'Tag.1.Value': '☃ snow', ClientToken: "it's (ok)!" } },
  { name: 'describe_lists', action: 'DescribeDiskReplicaPairs', version: '2021-07-30',
    params: { RegionId: 'cn-shanghai', PairIds: 'pair-a,pair-b', MaxResults: '50', NextToken: '' } },
  { name: 'ecs_attach', action: 'AttachDisk', version: '2014-05-26',
    params: { InstanceId: 'i-hz-0001', DiskId: 'd-hz-0001' } },
];

// Pin the SDKs' clocks and nonces.
let currentNonce = NONCES[0];
OpenApiUtil.getTimestamp = () => TIMESTAMP;
Util.default.getNonce = () => currentNonce;

const seen = [];  // raw requests as received by the loopback listener
const server = http.createServer((rq, rs) => {
  const chunks = [];
  rq.on('data', (c) => chunks.push(c));
  rq.on('end', () => {
    const headers = {};
    for (let i = 0; i < rq.rawHeaders.length; i += 2) {
      headers[rq.rawHeaders[i].toLowerCase()] = rq.rawHeaders[i + 1];
    }
    seen.push({ method: rq.method, target: rq.url, headers, body: Buffer.concat(chunks).toString('utf8') });
    rs.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
    rs.end(JSON.stringify({ RequestId: '00000000-0000-0000-0000-000000000000' }));
  });
});

async function lastRequestOf(fn) {
  const before = seen.length;
  await fn();
  if (seen.length !== before + 1) throw new Error('expected exactly one request');
  return seen[seen.length - 1];
}

async function openApiCall(port, set, secret, signatureAlgorithm) {
  const cfg = new OpenApi.Config({ accessKeyId: AK, accessKeySecret: secret, endpoint: '127.0.0.1:' + port, protocol: 'HTTP' });
  if (signatureAlgorithm) cfg.signatureAlgorithm = signatureAlgorithm;
  const client = new OpenApi.default(cfg);
  const params = new OpenApi.Params({ action: set.action, version: set.version, protocol: 'HTTP', pathname: '/',
    method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
  const request = new OpenApi.OpenApiRequest({ query: OpenApiUtil.query(set.params) });
  await client.callApi(params, request, new Util.RuntimeOptions({}));
}

async function popCall(port, set, secret, method) {
  const c = new RPCClient({ accessKeyId: AK, accessKeySecret: secret, endpoint: 'http://127.0.0.1:' + port,
    apiVersion: set.version });
  // pop-core lets explicit parameters override its Timestamp/SignatureNonce defaults.
  const params = Object.assign({ Timestamp: TIMESTAMP, SignatureNonce: currentNonce }, set.params);
  await c.request(set.action, params, { method, timeout: 5000 });
}

function v1CommonParams(set, nonce, format) {
  return Object.assign({ Action: set.action, Version: set.version, Format: format, AccessKeyId: AK,
    SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: nonce, Timestamp: TIMESTAMP }, set.params);
}

(async () => {
  await new Promise((resolve) => server.listen(18765, '127.0.0.1', resolve)).catch(() => {});
  const port = server.address().port;
  const out = { generated_by: 'tests/protocol/vectors/make_vectors.js',
    sdk_versions: {}, access_key_id: AK, timestamp: TIMESTAMP, v1_util: [], v1_wire: [], v3_util: [], v3_wire: [] };
  for (const pkg of ['@alicloud/openapi-client', '@alicloud/openapi-util', '@alicloud/pop-core', '@alicloud/tea-util']) {
    out.sdk_versions[pkg] = req(pkg + '/package.json').version;
  }

  for (const set of PARAM_SETS) {
    for (const secret of SECRETS) {
      for (const nonce of NONCES) {
        currentNonce = nonce;
        // V1 via OpenApiUtil.getRPCSignature: GET and POST over the same parameter set.
        for (const method of ['GET', 'POST']) {
          const signed = v1CommonParams(set, nonce, 'JSON');
          out.v1_util.push({ case: `${set.name}/${method}`, method, secret, params: Object.entries(signed),
            signature: OpenApiUtil.getRPCSignature(signed, method, secret) });
        }
        // V3 via OpenApiUtil.getAuthorization, with an extra signed x-acs-* header and a content-type.
        const headers = { host: 'ebs.cn-hangzhou.aliyuncs.com', 'x-acs-action': set.action, 'x-acs-version': set.version,
          'x-acs-date': TIMESTAMP, 'x-acs-signature-nonce': nonce,
          'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          'x-acs-credentials-provider': 'static_ak', 'user-agent': 'not signed', accept: 'application/json' };
        for (const method of ['GET', 'POST']) {
          const request = { method, pathname: '/', query: set.params, headers };
          out.v3_util.push({ case: `${set.name}/${method}`, method, secret, query: Object.entries(set.params),
            headers: Object.entries(headers),
            authorization: OpenApiUtil.getAuthorization(request, 'ACS3-HMAC-SHA256',
              'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', AK, secret) });
        }
        // What the SDKs really send.
        const wire = [
          ['openapi-client v2 (POST, query)', 'post_query', 'json', () => openApiCall(port, set, secret, 'v2')],
          ['pop-core GET', 'get_query', 'JSON', () => popCall(port, set, secret, 'GET')],
          ['pop-core POST (form)', 'post_form', 'JSON', () => popCall(port, set, secret, 'POST')],
        ];
        for (const [client, style, format, fn] of wire) {
          const r = await lastRequestOf(fn);
          out.v1_wire.push({ case: `${set.name}/${client}`, client, style, format, secret, nonce,
            action: set.action, version: set.version, params: Object.entries(set.params), request: r });
        }
        const r3 = await lastRequestOf(() => openApiCall(port, set, secret, null));
        out.v3_wire.push({ case: `${set.name}/openapi-client V3`, client: 'openapi-client V3', secret, nonce,
          action: set.action, version: set.version, params: Object.entries(set.params), request: r3 });
      }
    }
  }
  server.close();
  const file = path.join(__dirname, 'signatures.json');
  fs.writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
  console.log(`wrote ${file}: ${out.v1_util.length} v1_util, ${out.v1_wire.length} v1_wire, ` +
              `${out.v3_util.length} v3_util, ${out.v3_wire.length} v3_wire`);
})().catch((e) => { console.error(e); process.exit(1); });
