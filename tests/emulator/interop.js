// interop.js - the official Alibaba Cloud Node SDKs against paircheck-emulator (ctest
// Interop.OfficialNodeSdks). Four clients: @alicloud/openapi-client with the default V3 signature
// and with signatureAlgorithm 'v2' (V1, HMAC-SHA1), @alicloud/pop-core with GET and with POST.
// Each drives its own pair through Create, Describe, Start, Stop, a wrong-status Start
// (OperationDenied.InvalidStatus, 403), an unknown pair (NoSuchResource, 404), a replayed
// ClientToken (same result) and a wrong secret (SignatureDoesNotMatch), then AttachDisk and
// DetachDisk (ECS 2014-05-26, contract §7). A fifth client, the older official JS SDK aliyun-sdk
// 1.12.10 (ALY.ECS: API 2014-05-26 only, its own V1 signer, POST form, a Timestamp with
// milliseconds from toISOString, contract §11 "G5 fractions"), drives AttachDisk and DetachDisk.
// The emulator runs on a virtual clock; the control endpoint moves transient statuses along.
//
// Usage: node tests/emulator/interop.js --emulator PATH/paircheck-emulator --fixtures FILE [-- EMULATOR_FLAGS]
// Missing node_modules is a failure (install: scripts/install-deps.sh --node), never a skip.
'use strict';
const path = require('path');
const fs = require('fs');
const http = require('http');
const crypto = require('crypto');
const { spawn } = require('child_process');

function die(message) {
  console.error(`Interop.OfficialNodeSdks: ${message}`);
  process.exit(1);
}

function arg(name) {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) die(`missing ${name} (usage: interop.js --emulator BIN --fixtures FILE)`);
  return process.argv[i + 1];
}

const nodeModules = path.resolve(__dirname, '../../tools/node/node_modules');
for (const pkg of ['@alicloud/openapi-client', '@alicloud/openapi-util', '@alicloud/pop-core', '@alicloud/tea-util', 'aliyun-sdk']) {
  if (!fs.existsSync(path.join(nodeModules, pkg, 'package.json'))) {
    die(`${pkg} is not installed in ${nodeModules}: run scripts/install-deps.sh --node`);
  }
}
const req = (name) => require(path.join(nodeModules, name));
const OpenApi = req('@alicloud/openapi-client');
const OpenApiUtil = req('@alicloud/openapi-util').default;
const Util = req('@alicloud/tea-util');
const RPCClient = req('@alicloud/pop-core').RPCClient;
const ALY = req('aliyun-sdk');
// Every Timestamp aliyun-sdk signs, to show that the form it sends is the fractional one.
const alySentTimestamps = [];
const alyIso8601 = ALY.util.date.iso8601;
ALY.util.date.iso8601 = function (date) {
  const text = alyIso8601.call(this, date);
  alySentTimestamps.push(text);
  return text;
};

const emulatorPath = arg('--emulator');
const fixturesPath = arg('--fixtures');
const controlToken = crypto.randomBytes(12).toString('hex');
// Anything after `--` goes to the emulator (e.g. `-- --fault invalid-status-as-400` must fail).
const extraArgs = process.argv.includes('--') ? process.argv.slice(process.argv.indexOf('--') + 1) : [];
const AK = 'ak-admin', SK = 'sk-admin';

let failures = 0;
function check(ok, what, detail) {
  if (ok) {
    console.log(`  ok   ${what}`);
  } else {
    failures++;
    const text = detail === undefined ? '' : JSON.stringify(detail);
    console.log(`  FAIL ${what}${text ? ': ' + (text.length > 600 ? text.slice(0, 600) + '...' : text) : ''}`);
  }
}

// ---- the emulator process ----
function startEmulator() {
  return new Promise((resolve, reject) => {
    const child = spawn(emulatorPath, ['--port', '0', '--fixtures', fixturesPath, '--clock', 'virtual',
      '--control-token', controlToken, '--seed', '7', ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('emulator did not print its port within 10 s')), 10000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`emulator exited early with ${code}`)); });
    child.stdout.on('data', (d) => {
      out += d.toString();
      const m = /paircheck-emulator listening on ([0-9.]+):(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, port: Number(m[2]) });
      }
    });
  });
}

function advance(port, seconds) {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/_paircheck/clock/advance?seconds=${seconds}`,
      headers: { 'x-paircheck-control-token': controlToken } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`advance: ${res.statusCode} ${body}`))));
    });
    r.on('error', reject);
    r.end();
  });
}

// ---- one calling convention over four clients: call(action, version, params) -> {status, body} | throws {code, status} ----
function openApiClient(port, signatureAlgorithm, secret) {
  const cfg = new OpenApi.Config({ accessKeyId: AK, accessKeySecret: secret, endpoint: `127.0.0.1:${port}`, protocol: 'HTTP' });
  if (signatureAlgorithm) cfg.signatureAlgorithm = signatureAlgorithm;
  const client = new OpenApi.default(cfg);
  return async (action, version, params) => {
    const p = new OpenApi.Params({ action, version, protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK',
      style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
    const request = new OpenApi.OpenApiRequest({ query: OpenApiUtil.query(params) });
    try {
      const r = await client.callApi(p, request, new Util.RuntimeOptions({ readTimeout: 10000, connectTimeout: 5000 }));
      return { status: r.statusCode, body: r.body };
    } catch (e) {
      throw { code: e.code, status: e.statusCode, message: e.message, data: e.data };
    }
  };
}

function popCoreClient(port, method, secret) {
  return async (action, version, params) => {
    const c = new RPCClient({ accessKeyId: AK, accessKeySecret: secret, endpoint: `http://127.0.0.1:${port}`, apiVersion: version });
    try {
      const body = await c.request(action, params, { method, timeout: 10000 });
      return { status: 200, body };
    } catch (e) {
      const status = e.entry && e.entry.response ? e.entry.response.statusCode : undefined;
      throw { code: e.code, status, message: e.message, data: e.data };
    }
  };
}

// aliyun-sdk: one method per action (attachDisk), callbacks, API version fixed at 2014-05-26.
function aliyunSdkClient(port, secret) {
  const ecs = new ALY.ECS({ accessKeyId: AK, secretAccessKey: secret, endpoint: `http://127.0.0.1:${port}`,
    apiVersion: '2014-05-26', httpOptions: { timeout: 10000 } });
  return (action, version, params) => new Promise((resolve, reject) => {
    if (version !== '2014-05-26') { reject(new Error(`aliyun-sdk ALY.ECS speaks 2014-05-26 only, not ${version}`)); return; }
    const method = action.charAt(0).toLowerCase() + action.slice(1);
    // A copy: the SDK adds its common parameters (Format, Timestamp...) to the object it is given,
    // and its validator refuses them on the next call.
    ecs[method]({ ...params }, (err, data) => (err
      ? reject({ code: err.code, status: err.statusCode, message: err.message })
      : resolve({ status: 200, body: data })));
  });
}

async function expectError(what, promise, code, status) {
  try {
    const r = await promise;
    check(false, what, { expected: code, got: r });
  } catch (e) {
    if (e instanceof Error) { check(false, what, String(e)); return; }
    check(e.code === code && (status === undefined || e.status === status), `${what} -> ${code}${status ? ' ' + status : ''}`,
      { code: e.code, status: e.status, message: e.message });
  }
}

// AttachDisk and DetachDisk (contract §7, ECS 2014-05-26) on a disk no pair uses.
async function disks(name, call, wrongSecretCall) {
  const V = '2014-05-26';
  const disk = { InstanceId: 'i-bj-0001', DiskId: 'd-bj-0001' };
  const a = await call('AttachDisk', V, disk);
  check(a.status === 200 && typeof a.body.RequestId === 'string', `${name}: AttachDisk -> 200`, a);
  await expectError(`${name}: AttachDisk of the attached disk`, call('AttachDisk', V, disk), 'IncorrectDiskStatus', 403);
  const d = await call('DetachDisk', V, disk);
  check(d.status === 200 && typeof d.body.RequestId === 'string', `${name}: DetachDisk -> 200`, d);
  await expectError(`${name}: DetachDisk of the detached disk`, call('DetachDisk', V, disk), 'IncorrectDiskStatus', 403);
  await expectError(`${name}: AttachDisk of an unknown disk`,
    call('AttachDisk', V, { InstanceId: 'i-bj-0001', DiskId: 'd-bj-nosuchdisk' }), 'InvalidDiskId.NotFound', 404);
  await expectError(`${name}: AttachDisk signed with a wrong secret`, wrongSecretCall('AttachDisk', V, disk),
    'SignatureDoesNotMatch');
}

async function scenario(name, call, wrongSecretCall, port, n) {
  console.log(`${name}:`);
  const V = '2021-07-30';
  const token = (what) => `${name.replace(/[^A-Za-z0-9]/g, '')}-${what}-${n}`;
  const create = { RegionId: 'cn-hangzhou', SourceZoneId: 'cn-hangzhou-h', DiskId: `d-hz-000${n}`,
    DestinationRegionId: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-e', DestinationDiskId: `d-sh-000${n}`,
    PairName: `interop-${n}`, ClientToken: token('create') };
  const c1 = await call('CreateDiskReplicaPair', V, create);
  const pairId = c1.body.ReplicaPairId;
  check(c1.status === 200 && /^pair-/.test(pairId || ''), 'CreateDiskReplicaPair -> 200 with a ReplicaPairId', c1);
  const c2 = await call('CreateDiskReplicaPair', V, create);
  check(c2.body.ReplicaPairId === pairId && c2.body.RequestId !== c1.body.RequestId,
    'replayed ClientToken on Create -> same ReplicaPairId, new RequestId (I1, W4)', c2.body);

  const describe = async () => {
    const d = await call('DescribeDiskReplicaPairs', V, { RegionId: 'cn-hangzhou', PairIds: pairId });
    const pair = (d.body.ReplicaPairs || []).find((p) => p.ReplicaPairId === pairId);
    return pair ? pair.Status : undefined;
  };
  check((await describe()) === 'creating', 'DescribeDiskReplicaPairs -> creating');
  await advance(port, 3600);
  check((await describe()) === 'created', 'after the clock moves -> created (S1)');

  const start = { RegionId: 'cn-hangzhou', ReplicaPairId: pairId, ClientToken: token('start') };
  const s1 = await call('StartDiskReplicaPair', V, start);
  check(s1.status === 200 && typeof s1.body.RequestId === 'string', 'StartDiskReplicaPair -> 200', s1);
  check((await describe()) === 'initial_syncing', 'Describe -> initial_syncing (O2)');
  await expectError('second Start (new token) while initial_syncing',
    call('StartDiskReplicaPair', V, { RegionId: 'cn-hangzhou', ReplicaPairId: pairId, ClientToken: token('start2') }),
    'OperationDenied.InvalidStatus', 403);
  const s2 = await call('StartDiskReplicaPair', V, start);
  check(s2.status === 200 && s2.body.RequestId !== s1.body.RequestId, 'replayed Start token -> 200, new RequestId (I1)', s2.body);

  await advance(port, 3600);
  const stop = await call('StopDiskReplicaPair', V, { RegionId: 'cn-shanghai', ReplicaPairId: pairId, ClientToken: token('stop') });
  check(stop.status === 200, 'StopDiskReplicaPair (destination region) -> 200', stop);
  check((await describe()) === 'stopping', 'Describe -> stopping (O4)');
  await advance(port, 3600);
  check((await describe()) === 'stopped', 'after the clock moves -> stopped (S4)');

  await expectError('Start on an unknown pair',
    call('StartDiskReplicaPair', V, { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-cn-hangzhou-nosuchpair' }),
    'NoSuchResource', 404);
  await expectError('Describe signed with a wrong secret',
    wrongSecretCall('DescribeDiskReplicaPairs', V, { RegionId: 'cn-hangzhou' }), 'SignatureDoesNotMatch');
  await disks(name, call, wrongSecretCall);
}

(async () => {
  let emulator;
  try {
    emulator = await startEmulator();
  } catch (e) {
    die(`cannot start ${emulatorPath}: ${e.message}`);
  }
  const { child, port } = emulator;
  console.log(`emulator on 127.0.0.1:${port}`);
  const clients = [
    ['openapi-client V3', (s) => openApiClient(port, null, s)],
    ['openapi-client v2 (V1 signature)', (s) => openApiClient(port, 'v2', s)],
    ['pop-core GET', (s) => popCoreClient(port, 'GET', s)],
    ['pop-core POST', (s) => popCoreClient(port, 'POST', s)],
  ];
  try {
    for (let i = 0; i < clients.length; i++) {
      const [name, make] = clients[i];
      try {
        await scenario(name, make(SK), make(SK + '-wrong'), port, i + 1);
      } catch (e) {
        check(false, `${name}: unexpected failure`, e instanceof Error ? String(e) : e);
      }
    }
    console.log('aliyun-sdk 1.12.10 ALY.ECS (V1, POST form, Timestamp with milliseconds):');
    try {
      await disks('aliyun-sdk', aliyunSdkClient(port, SK), aliyunSdkClient(port, SK + '-wrong'));
    } catch (e) {
      check(false, 'aliyun-sdk: unexpected failure', e instanceof Error ? String(e) : e);
    }
    check(alySentTimestamps.length > 0 && alySentTimestamps.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(t)),
      'aliyun-sdk signed every call with a fractional Timestamp (yyyy-MM-ddTHH:mm:ss.SSSZ)', alySentTimestamps.slice(0, 3));
  } finally {
    child.kill('SIGTERM');
  }
  const exitCode = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code === null ? signal : code)));
  check(exitCode === 0, 'emulator exits 0 on SIGTERM', exitCode);
  console.log(failures === 0 ? 'Interop.OfficialNodeSdks: all checks passed' : `Interop.OfficialNodeSdks: ${failures} check(s) failed`);
  process.exit(failures === 0 ? 0 : 1);
})();
