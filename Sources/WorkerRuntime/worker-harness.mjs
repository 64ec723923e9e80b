// worker-harness.mjs — runs an Open edX proctoring worker bundle in node the way a browser page runs it,
// each worker in its own sandboxed node process.
//
// Embedded in the binary (WorkerHarnessSource.swift, written by scripts/embed-worker-harness) and run as
//   node --no-warnings --input-type=module --eval '<this file>' '<script JSON>'
//   {"bundlePath", "bundleURL", "pageOrigin", "lifetime": "freshPerPrompt"|"shared", "config": {…}|null,
//    "replyWaitMilliseconds", "loadWaitMilliseconds", "processStartAllowanceMilliseconds",
//    "allow": ["127.0.0.1:54545", …],
//    "exchanges": [{"prompt", "message", "successType", "hostTimeoutMilliseconds"}]}
// The messages and timeouts each host sends are decided by the Swift side (WorkerExchangeScript.swift).
//
// The page side (the process started by Swift) plays the host: the learning MFE (frontend-lib-special-exams,
// "JS 2.0") or the legacy courseware page (edx-proctoring exam_action_handler.js, "JS 1.0"). It reads the
// bundle, and for each prompt starts a worker the way the host does (`new Worker(blob:"importScripts('<url>');")`),
// sends the optional `config` message and then exactly one prompt `{type, timeout, attemptExternalId}`, and
// waits for the first reply like the host's `workerPromiseForEventNames`: a reply whose type is the success
// name resolves, ANY other message rejects. It prints one JSON line per exchange on stdout. The page side
// never runs bundle code.
//
// The worker side is a separate node process (this same file, `{"role": "worker"}`) started under node's
// permission model (`--experimental-permission`, or `--permission` where node has it) with no
// `--allow-*` grant: it can read no file (the page side sends it the bundle's text), write none, start no
// process or thread, load no addon, open no inspector; its environment is empty. On top of that, before
// any bundle code runs, it takes away what the permission model of node 20 leaves open: sockets and name
// look-ups other than to the allowed loopback endpoints, and signals to other processes (`process.kill`).
// Inside that process the bundle runs as a classic script in a fresh `vm` context whose global object is
// shaped like a DedicatedWorkerGlobalScope: `self`, `location` (the blob: URL), `importScripts`,
// `postMessage`, `addEventListener`, `removeEventListener`, `onmessage`, timers, `console` (captured), the
// web APIs node has (URL, TextEncoder, crypto, atob, …) and hermetic network APIs. No `window`, `document`,
// `process`, `require`, `global`, `Buffer`. The `vm` context is no security boundary (a bundle can reach the
// process through the constructor of any function it is given); the process sandbox is. Not imitated:
// `error` events on the worker scope (`onerror`), `dispatchEvent`, transfer lists.
//
// Network, as an offline browser: `fetch` rejects with `TypeError: Failed to fetch`, an asynchronous
// XMLHttpRequest fires `error` (status 0), a synchronous one throws NetworkError, a WebSocket fires `error`
// and `close` (code 1006), `importScripts` of anything but the bundle throws NetworkError — all at once.
// Only http(s)/ws(s) URLs whose host and port are an allowed loopback endpoint (`localhost` counts as the
// endpoint's address) go out, to that address, without following redirects. Every request is reported.
//
// Output lines (one per exchange, keys in this order):
//   {"exchange":0,"worker":0,"prompt":"ping","sent":{…},"outcome":"succeeded|failed|timedOut|loadFailed",
//    "replyType":"echo"|null,"reply":{…}|null,"elapsed":"under100ms"|…|null,"waitLimitMilliseconds":n,
//    "hostTimeoutMilliseconds":n|null,"load":{"status":"ok"}|{"status":"unfinished"}|{"status":"failed","kind":…},
//    "listeners":n,"uncaught":[…],"console":[…],"network":[{"api","method","url","allowed"}],"sandbox":["…"]}
// Exit status: 0 when every exchange was run (whatever their outcome), 2 when the script is unusable.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { format } from 'node:util';
import { webcrypto } from 'node:crypto';
import net from 'node:net';
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import childProcess from 'node:child_process';
import workerThreads from 'node:worker_threads';
import inspector from 'node:inspector';
import { syncBuiltinESMExports } from 'node:module';

// A deterministic stand-in for the random part of `URL.createObjectURL(blob)`.
const BLOB_ID = '00000000-0000-4000-8000-000000000000';
const MAX_CONSOLE_TEXT = 2000;
const MAX_CONSOLE_LINES = 200;
const MAX_NETWORK_ENTRIES = 50;
const MAX_STDERR = 8000;
// Errors node's permission model (and the harness's own lock-down) throw for what the sandbox denies.
const SANDBOX_ERROR_CODES = new Set(['ERR_ACCESS_DENIED', 'ERR_DLOPEN_DISABLED']);
// Modules a worker process never needs; every function of theirs reports and refuses.
const deniedModules = { fs, 'fs/promises': fsPromises, child_process: childProcess, worker_threads: workerThreads, inspector };

const argument = parseArgument(process.argv[1]);
if (argument !== null && argument.role === 'worker') {
  runSandboxedWorker(argument);
} else {
  await runHost(argument);
}

function parseArgument(text) {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------------------
// Host (page) side
// ------------------------------------------------------------------------------------------------

async function runHost(raw) {
  let script;
  let bundleSource;
  let sandbox;
  try {
    script = validateScript(raw);
    sandbox = sandboxCommand();
  } catch (error) {
    process.stderr.write(`worker-harness: unusable script: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    bundleSource = readFileSync(script.bundlePath, 'utf8');
  } catch {
    bundleSource = null; // nothing served at the URL: the worker's importScripts fails as in a browser
  }

  let shared = null;
  let workerIndex = 0;
  for (let index = 0; index < script.exchanges.length; index += 1) {
    const exchange = script.exchanges[index];
    let worker;
    if (script.lifetime === 'shared') {
      if (!shared) {
        shared = startWorker(script, sandbox, bundleSource, workerIndex);
        workerIndex += 1;
        if (script.config !== null) shared.post({ type: 'config', options: script.config });
      }
      worker = shared;
    } else {
      worker = startWorker(script, sandbox, bundleSource, workerIndex);
      workerIndex += 1;
      if (script.config !== null) worker.post({ type: 'config', options: script.config });
    }
    const line = await runExchange(script, index, exchange, worker);
    await writeLine(JSON.stringify(line));
    if (script.lifetime !== 'shared') await worker.terminate();
  }
  if (shared) await shared.terminate();
}

function validateScript(raw) {
  if (raw === null || typeof raw !== 'object') throw new Error('the script must be a JSON object');
  const need = (object, key, type) => {
    if (typeof object[key] !== type) throw new Error(`"${key}" must be a ${type}`);
    return object[key];
  };
  const script = {
    bundlePath: need(raw, 'bundlePath', 'string'),
    bundleURL: need(raw, 'bundleURL', 'string'),
    pageOrigin: need(raw, 'pageOrigin', 'string'),
    lifetime: need(raw, 'lifetime', 'string'),
    config: raw.config === undefined ? null : raw.config,
    replyWaitMilliseconds: need(raw, 'replyWaitMilliseconds', 'number'),
    loadWaitMilliseconds: need(raw, 'loadWaitMilliseconds', 'number'),
    processStartAllowanceMilliseconds: need(raw, 'processStartAllowanceMilliseconds', 'number'),
    allow: raw.allow === undefined ? [] : raw.allow,
    exchanges: raw.exchanges,
  };
  if (!['freshPerPrompt', 'shared'].includes(script.lifetime)) throw new Error(`unknown lifetime "${script.lifetime}"`);
  if (!Array.isArray(script.allow) || !script.allow.every((entry) => typeof entry === 'string')) {
    throw new Error('"allow" must be an array of "address:port" strings');
  }
  script.allow.forEach(parseEndpoint);
  if (!Array.isArray(script.exchanges)) throw new Error('"exchanges" must be an array');
  for (const exchange of script.exchanges) {
    need(exchange, 'prompt', 'string');
    need(exchange, 'successType', 'string');
    need(exchange, 'message', 'object');
    if (exchange.hostTimeoutMilliseconds !== null) need(exchange, 'hostTimeoutMilliseconds', 'number');
  }
  return script;
}

// How to start a sandboxed worker process: this file's own text again, under the permission model.
function sandboxCommand() {
  const flags = process.allowedNodeEnvironmentFlags;
  let permission;
  if (flags.has('--permission')) permission = '--permission';
  else if (flags.has('--experimental-permission')) permission = '--experimental-permission';
  else throw new Error(`node ${process.version} has no permission model; the smoke run needs node 20 or newer`);
  const evalIndex = process.execArgv.findIndex((flag) => flag === '--eval' || flag === '-e');
  if (evalIndex < 0 || evalIndex + 1 >= process.execArgv.length) {
    throw new Error('the harness must be started with --eval <source>');
  }
  return {
    executable: process.execPath,
    flags: [permission, '--no-warnings', '--max-old-space-size=512', '--input-type=module', '--eval', process.execArgv[evalIndex + 1]],
  };
}

function startWorker(script, sandbox, bundleSource, index) {
  const settings = { role: 'worker', bundleURL: script.bundleURL, pageOrigin: script.pageOrigin, allow: script.allow };
  const child = spawn(sandbox.executable, [...sandbox.flags, JSON.stringify(settings)], {
    env: {},
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const state = {
    index,
    readyAt: 0,
    load: null,
    loadedAt: 0,
    listeners: 0,
    pendingTimers: 0,
    console: [],
    droppedConsoleLines: 0,
    uncaught: [],
    replies: [],
    network: [],
    droppedNetworkEntries: 0,
    sandbox: [],
    exitError: null,
    exited: false,
    terminating: false,
    stderr: '',
    waiter: null,
  };
  const wake = () => {
    if (state.waiter) state.waiter();
  };
  const handle = (envelope) => {
    switch (envelope.channel) {
      case 'ready':
        state.readyAt = performance.now();
        break;
      case 'loaded':
        state.load = envelope.load;
        state.loadedAt = performance.now();
        state.listeners = envelope.listeners;
        state.pendingTimers = envelope.pendingTimers;
        break;
      case 'listeners':
        state.listeners = envelope.listeners;
        state.pendingTimers = envelope.pendingTimers;
        break;
      case 'console':
        if (state.console.length < MAX_CONSOLE_LINES) state.console.push({ level: envelope.level, text: envelope.text });
        else state.droppedConsoleLines += 1;
        break;
      case 'uncaught':
        state.uncaught.push(envelope.error);
        break;
      case 'reply':
        state.replies.push({ data: envelope.data, at: performance.now() });
        break;
      case 'network':
        if (state.network.length < MAX_NETWORK_ENTRIES) state.network.push(envelope.request);
        else state.droppedNetworkEntries += 1;
        break;
      case 'sandbox':
        if (typeof envelope.denied === 'string' && !state.sandbox.includes(envelope.denied)) state.sandbox.push(envelope.denied);
        break;
      default:
        break;
    }
    wake();
  };
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    pending += chunk;
    let newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const envelope = parseArgument(text);
      if (envelope !== null && typeof envelope === 'object') handle(envelope);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    if (state.stderr.length < MAX_STDERR) state.stderr += chunk;
  });
  child.stdin.on('error', () => {});
  child.on('error', (error) => {
    state.exitError = { kind: 'harnessFault', name: error?.name ?? 'Error', message: `cannot start the sandboxed worker: ${error?.message ?? error}` };
    state.exited = true;
    wake();
  });
  const exited = new Promise((resolve) => {
    child.on('close', (code, signal) => {
      state.exited = true;
      if (!state.terminating && state.exitError === null) {
        const status = signal ? `signal ${signal}` : `exit status ${code}`;
        const detail = state.stderr.trim().split('\n').slice(-3).join(' | ');
        state.exitError = {
          kind: 'harnessFault',
          name: 'WorkerProcessExit',
          message: `the sandboxed worker process ended (${status})${detail ? `: ${detail}` : ''}`,
        };
      }
      wake();
      resolve();
    });
  });
  child.stdin.write(`${JSON.stringify({ bundleSource })}\n`);
  return {
    state,
    post: (message) => {
      if (!state.exited) child.stdin.write(`${JSON.stringify(message)}\n`);
    },
    terminate: async () => {
      state.terminating = true;
      if (!state.exited) child.kill('SIGKILL');
      await exited;
    },
  };
}

// One prompt, answered like the host's `workerPromiseForEventNames`: the first message decides.
// Only ping is raced against a hard timeout by the hosts; for start and submit the host waits forever,
// so the harness waits `replyWaitMilliseconds` and reports a time-out.
async function runExchange(script, index, exchange, worker) {
  const { state } = worker;
  const { prompt, message: sent, successType } = exchange;
  const hostTimeout = exchange.hostTimeoutMilliseconds;
  const waitLimit = hostTimeout === null ? script.replyWaitMilliseconds : Math.min(hostTimeout, script.replyWaitMilliseconds);

  state.console = [];
  state.droppedConsoleLines = 0;
  state.uncaught = [];
  state.replies = [];
  state.network = [];
  state.droppedNetworkEntries = 0;
  state.sandbox = [];
  const sentAt = performance.now();
  worker.post(sent);

  // The wait counts from when the worker finished loading (or from the post, if it already had): worker
  // start-up is quick in a browser but not on a busy machine, and must not eat into the handler's time.
  // A worker whose top-level code does not finish within `loadWaitMilliseconds` of its process being up is
  // reported with load "unfinished"; starting the process itself (slow only on a very busy machine) has a
  // separate allowance, so it does not eat into the bundle's time.
  const waitStart = () => (state.load ? Math.max(sentAt, state.loadedAt) : sentAt);
  const deadline = () => {
    if (state.load) return waitStart() + waitLimit;
    if (state.readyAt) return Math.max(sentAt, state.readyAt) + script.loadWaitMilliseconds;
    return sentAt + script.processStartAllowanceMilliseconds + script.loadWaitMilliseconds;
  };
  let timer = null;
  while (state.replies.length === 0 && !state.exited) {
    // A bundle that failed to load and left nothing behind that could ever answer will not reply.
    if (state.load && state.load.status === 'failed' && state.listeners === 0 && state.pendingTimers === 0) break;
    const remaining = deadline() - performance.now();
    if (remaining <= 0) break;
    await new Promise((resolve) => {
      state.waiter = resolve;
      timer = setTimeout(resolve, remaining);
    });
    clearTimeout(timer);
    state.waiter = null;
  }

  const reply = state.replies[0] ?? null;
  let outcome;
  if (state.load && state.load.status === 'failed') outcome = 'loadFailed';
  else if (reply === null) outcome = 'timedOut';
  else if (reply.data && reply.data.type === successType) outcome = 'succeeded';
  else outcome = 'failed';

  const uncaught = [...state.uncaught];
  if (state.exitError) uncaught.push(state.exitError);
  // What the sandbox refused, also when the bundle only saw the refusal as a thrown error.
  const sandbox = [...state.sandbox];
  const noteDenied = (described) => {
    if (described && SANDBOX_ERROR_CODES.has(described.code)) {
      const text = `${described.name ?? 'Error'} [${described.code}]: ${described.message ?? ''}`;
      if (!sandbox.includes(text)) sandbox.push(text);
    }
  };
  if (state.load && state.load.status === 'failed') noteDenied(state.load);
  uncaught.forEach(noteDenied);
  for (const { data } of state.replies) {
    if (data && typeof data === 'object' && data.error && typeof data.error === 'object') {
      noteDenied({ name: data.error.$error, message: data.error.message, code: data.error.code });
    }
  }
  return {
    exchange: index,
    worker: state.index,
    prompt,
    sent: jsonSafe(sent),
    outcome,
    replyType: reply && reply.data && typeof reply.data.type === 'string' ? reply.data.type : null,
    reply: reply ? reply.data : null,
    elapsed: reply ? elapsedBucket(reply.at - waitStart()) : null,
    waitLimitMilliseconds: waitLimit,
    hostTimeoutMilliseconds: hostTimeout,
    load: state.load ?? { status: 'unfinished' },
    listeners: state.listeners,
    uncaught,
    console: state.droppedConsoleLines > 0
      ? [...state.console, { level: 'harness', text: `${state.droppedConsoleLines} more console lines dropped` }]
      : [...state.console],
    network: state.droppedNetworkEntries > 0
      ? [...state.network, { api: 'harness', method: '', url: `${state.droppedNetworkEntries} more requests not listed`, allowed: false }]
      : [...state.network],
    sandbox,
  };
}

// Coarse buckets keep the output deterministic across machines.
function elapsedBucket(milliseconds) {
  if (milliseconds < 100) return 'under100ms';
  if (milliseconds < 1000) return 'under1s';
  if (milliseconds < 5000) return 'under5s';
  if (milliseconds < 30000) return 'under30s';
  return '30sOrMore';
}

function writeLine(text) {
  return new Promise((resolve) => process.stdout.write(`${text}\n`, resolve));
}


// ------------------------------------------------------------------------------------------------
// Worker side: a sandboxed process holding a DedicatedWorkerGlobalScope look-alike around a vm context
// ------------------------------------------------------------------------------------------------

function runSandboxedWorker(settings) {
  const { bundleURL, pageOrigin } = settings;
  const allow = (settings.allow ?? []).map(parseEndpoint);
  const writeOut = process.stdout.write.bind(process.stdout);
  const send = (envelope) => writeOut(`${JSON.stringify(envelope)}\n`);
  const reportDenied = (denied) => send({ channel: 'sandbox', denied });
  const input = process.stdin;
  lockDown(allow, reportDenied);
  send({ channel: 'ready' });

  let scope = null;
  let pending = '';
  input.setEncoding('utf8');
  input.on('data', (chunk) => {
    pending += chunk;
    let newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const data = JSON.parse(text);
      if (scope === null) scope = loadWorkerScope(data.bundleSource, bundleURL, pageOrigin, allow, send);
      else scope.deliver(data);
    }
  });
  // The page closing its end is the worker's termination.
  input.on('end', () => process.exit(0));
}

// What node 20's permission model leaves open, closed before any bundle code runs: sockets and name
// look-ups except to the allowed loopback endpoints (fetch and every other client go through
// net.Socket#connect), datagrams, and signals to other processes. The originals stay in this closure only.
function lockDown(allow, reportDenied) {
  const deny = (what) => {
    reportDenied(what);
    const error = new Error(`Access to this API has been restricted: ${what}`);
    error.code = 'ERR_ACCESS_DENIED';
    return error;
  };
  const connect = net.Socket.prototype.connect;
  const replaceFunction = (object, name, replacement) => {
    Object.defineProperty(object, name, { value: replacement, writable: false, configurable: false });
  };
  replaceFunction(net.Socket.prototype, 'connect', function lockedConnect(...args) {
    const options = Array.isArray(args[0]) ? args[0][0] : args[0];
    let host;
    let port;
    if (options !== null && typeof options === 'object') {
      if (options.path !== undefined) throw deny(`connect to the local socket ${options.path}`);
      host = options.host ?? 'localhost';
      port = Number(options.port);
    } else {
      port = Number(options);
      host = typeof args[1] === 'string' ? args[1] : 'localhost';
    }
    if (!allow.some((endpoint) => endpoint.address === host && endpoint.port === port)) {
      throw deny(`connect to ${host}:${port}`);
    }
    return connect.apply(this, args);
  });
  for (const name of ['bind', 'send', 'connect']) {
    replaceFunction(dgram.Socket.prototype, name, () => {
      throw deny(`UDP ${name}`);
    });
  }
  const dnsFunctions = [
    'lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx',
    'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse',
  ];
  for (const target of [dns, dns.promises, dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
    for (const name of dnsFunctions) {
      if (typeof target[name] !== 'function') continue;
      replaceFunction(target, name, (hostname) => {
        throw deny(`DNS look-up of ${hostname}`);
      });
    }
  }
  replaceFunction(process, 'kill', (pid) => {
    throw deny(`send a signal to process ${pid}`);
  });
  // The permission model refuses these anyway; going through here also reports a refusal the bundle
  // catches and hides. Builtin ES module namespaces (`import('node:fs')`) are synced with the patched objects.
  for (const [name, module] of Object.entries(deniedModules)) {
    for (const key of Object.keys(module)) {
      if (typeof module[key] !== 'function') continue;
      try {
        // A plain function, so `new Worker(…)` reaches the refusal too.
        module[key] = function denied() {
          throw deny(`${name}.${key}`);
        };
      } catch {
        // a read-only export stays as it is; the permission model still refuses it
      }
    }
  }
  for (const key of ['binding', '_linkedBinding', 'dlopen']) {
    replaceFunction(process, key, () => {
      throw deny(`process.${key}`);
    });
  }
  syncBuiltinESMExports();
}

function parseEndpoint(text) {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)):(\d{1,5})$/.exec(String(text));
  if (!match) throw new Error(`"${text}" is not an address:port`);
  const address = match[1] ?? match[2];
  const port = Number(match[3]);
  const loopback = net.isIPv4(address) ? address.startsWith('127.') : net.isIPv6(address) && /^(0*:)*:?0*1$/.test(address);
  if (!loopback || port < 1 || port > 65535) throw new Error(`"${text}" is not a loopback address with a port`);
  return { address, port, text: String(text) };
}

function loadWorkerScope(bundleSource, bundleURL, pageOrigin, allow, send) {
  const listeners = [];
  const timers = new Map();
  let handlerSlot = null; // the `onmessage` attribute's place among the listeners
  let closed = false;

  const reportUncaught = (kind, error) => {
    const { domException, ...described } = describeThrown(kind, error);
    send({ channel: 'uncaught', error: described });
  };
  const reportListeners = () => send({ channel: 'listeners', listeners: listeners.length, pendingTimers: timers.size });

  // Exceptions in timers and listeners are reported and the worker goes on, as in a browser.
  const guarded = (callback, args) => {
    try {
      callback(...args);
    } catch (error) {
      reportUncaught('exception', error);
    }
  };

  const scope = {};
  const context = vm.createContext(scope, { name: 'worker', codeGeneration: { strings: true, wasm: true } });
  const global = vm.runInContext('globalThis', context);
  const define = (name, value) => {
    Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: true });
  };
  // Errors the bundle gets are of its own realm, so `instanceof TypeError` holds as in a browser.
  const WorkerTypeError = vm.runInContext('TypeError', context);

  const blobURL = `blob:${pageOrigin}/${BLOB_ID}`;
  define('self', global);
  define('location', makeLocation(blobURL, pageOrigin));
  define('navigator', Object.freeze({
    userAgent: 'Mozilla/5.0 (proctoring-assets worker harness)',
    language: 'en-US',
    languages: ['en-US'],
    onLine: true,
    hardwareConcurrency: 1,
  }));
  define('name', '');

  define('setTimeout', (callback, delay, ...args) => {
    if (typeof callback !== 'function') return 0;
    const handle = setTimeout(() => {
      timers.delete(id);
      guarded(callback, args);
    }, delay);
    const id = Number(handle[Symbol.toPrimitive]());
    timers.set(id, handle);
    return id;
  });
  define('clearTimeout', (id) => {
    const handle = timers.get(id);
    if (handle) clearTimeout(handle);
    timers.delete(id);
  });
  define('setInterval', (callback, delay, ...args) => {
    if (typeof callback !== 'function') return 0;
    const handle = setInterval(() => guarded(callback, args), delay);
    const id = Number(handle[Symbol.toPrimitive]());
    timers.set(id, handle);
    return id;
  });
  define('clearInterval', (id) => {
    const handle = timers.get(id);
    if (handle) clearInterval(handle);
    timers.delete(id);
  });
  define('queueMicrotask', queueMicrotask);
  define('structuredClone', structuredClone);

  // Web APIs node provides with browser semantics; the network ones are replaced below.
  for (const name of [
    'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal', 'Blob',
    'Event', 'EventTarget', 'DOMException', 'atob', 'btoa', 'Headers', 'Request', 'Response',
    'FormData', 'performance', 'ReadableStream', 'WritableStream', 'TransformStream',
  ]) {
    if (globalThis[name] !== undefined) define(name, globalThis[name]);
  }
  define('crypto', makeCrypto());

  const network = makeNetwork({ allow, send, guarded, WorkerTypeError, base: blobURL });
  define('fetch', network.fetch);
  define('XMLHttpRequest', network.XMLHttpRequest);
  define('WebSocket', network.WebSocket);

  define('console', makeConsole(send));

  define('addEventListener', (type, listener, options) => {
    if (type !== 'message' || typeof listener !== 'function' && typeof listener?.handleEvent !== 'function') return;
    if (listeners.some((entry) => entry.listener === listener && !entry.attribute)) return;
    listeners.push({ listener, once: typeof options === 'object' && options !== null && options.once === true });
    reportListeners();
  });
  define('removeEventListener', (type, listener) => {
    if (type !== 'message') return;
    const position = listeners.findIndex((entry) => entry.listener === listener && !entry.attribute);
    if (position >= 0) listeners.splice(position, 1);
    reportListeners();
  });
  Object.defineProperty(global, 'onmessage', {
    configurable: true,
    enumerable: true,
    get: () => (handlerSlot ? handlerSlot.listener : null),
    set: (value) => {
      // An event handler attribute keeps the position it got when first set to a function.
      if (typeof value === 'function') {
        if (handlerSlot) handlerSlot.listener = value;
        else {
          handlerSlot = { listener: value, attribute: true };
          listeners.push(handlerSlot);
        }
      } else if (handlerSlot) {
        listeners.splice(listeners.indexOf(handlerSlot), 1);
        handlerSlot = null;
      }
      reportListeners();
    },
  });
  define('postMessage', (message) => {
    // Structured clone first, so an uncloneable reply throws DataCloneError here as in a browser.
    const copy = structuredClone(message);
    send({ channel: 'reply', data: jsonSafe(copy) });
  });
  define('close', () => {
    closed = true;
  });

  const compileErrors = new WeakSet();
  define('importScripts', (...urls) => {
    for (const url of urls) {
      let resolved;
      try {
        resolved = new URL(String(url), blobURL).href;
      } catch {
        throw new DOMException(`Failed to execute 'importScripts': The URL '${url}' is invalid.`, 'SyntaxError');
      }
      // The bundle is the one script served; anything else is the network, which is off.
      if (resolved !== bundleURL || bundleSource === null) {
        if (resolved !== bundleURL) send({ channel: 'network', request: { api: 'importScripts', method: 'GET', url: resolved, allowed: false } });
        throw new DOMException(`Failed to execute 'importScripts': The script at '${resolved}' failed to load.`, 'NetworkError');
      }
      // Compile errors leave this function as thrown SyntaxErrors, like importScripts does; they are
      // remembered so they are not confused with a SyntaxError the script throws while running.
      let compiled;
      try {
        compiled = new vm.Script(bundleSource, { filename: resolved });
      } catch (error) {
        if (error !== null && typeof error === 'object') compileErrors.add(error);
        throw error;
      }
      compiled.runInContext(context, { displayErrors: false });
    }
  });

  process.on('unhandledRejection', (reason) => reportUncaught('unhandledRejection', reason));
  process.on('uncaughtException', (error) => reportUncaught('exception', error));

  // The host's blob: `importScripts('<url>');` — pasted between quotes without escaping, as upstream does.
  const wrapperSource = `importScripts('${bundleURL}');`;
  let load = { status: 'ok' };
  try {
    let wrapper;
    try {
      wrapper = new vm.Script(wrapperSource, { filename: blobURL });
    } catch (error) {
      if (error !== null && typeof error === 'object') compileErrors.add(error);
      throw error;
    }
    wrapper.runInContext(context, { displayErrors: false });
  } catch (error) {
    load = describeLoadFailure(error, compileErrors.has(error), blobURL);
  }
  send({ channel: 'loaded', load, listeners: listeners.length, pendingTimers: timers.size });

  return {
    deliver(data) {
      if (closed) return;
      // Re-create the data in the worker realm, as the browser's structured clone does.
      const copy = vm.runInContext('JSON.parse', context)(JSON.stringify(data));
      const event = {
        type: 'message',
        data: copy,
        origin: '',
        lastEventId: '',
        source: null,
        ports: [],
        target: global,
        currentTarget: global,
      };
      for (const entry of [...listeners]) {
        if (!listeners.includes(entry)) continue; // removed by an earlier listener of this event
        if (entry.once) {
          listeners.splice(listeners.indexOf(entry), 1);
          reportListeners();
        }
        const listener = entry.listener;
        if (typeof listener === 'function') guarded((e) => listener.call(global, e), [event]);
        else guarded((e) => listener.handleEvent(e), [event]);
      }
    },
  };
}

// The worker's network APIs. A request goes out only to an allowed loopback endpoint; everything else
// fails at once, the way it fails in a browser that is offline.
function makeNetwork({ allow, send, guarded, WorkerTypeError, base }) {
  const report = (api, method, url, allowed) => send({ channel: 'network', request: { api, method, url, allowed } });
  // The URL to really request, or null: http(s)/ws(s) to an allowed address:port (`localhost` is taken
  // as the endpoint's own address, so the request goes exactly there).
  const permitted = (url, schemes) => {
    if (!schemes.includes(url.protocol)) return null;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || ({ 'http:': 80, 'ws:': 80, 'https:': 443, 'wss:': 443 })[url.protocol]);
    const endpoint = allow.find((entry) => entry.port === port && (entry.address === host || host === 'localhost'));
    if (!endpoint) return null;
    const target = new URL(url.href);
    target.hostname = endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address;
    return target.href;
  };
  const resolve = (input) => {
    try {
      return new URL(typeof input === 'object' && input !== null && 'url' in input ? input.url : String(input), base);
    } catch {
      return null;
    }
  };

  const hermeticFetch = (input, init = {}) => {
    const url = resolve(input);
    const requestMethod = typeof input === 'object' && input !== null ? input.method : undefined;
    const method = String(init?.method ?? requestMethod ?? 'GET').toUpperCase();
    const target = url ? permitted(url, ['http:', 'https:']) : null;
    report('fetch', method, url ? url.href : String(input), target !== null);
    if (target === null) return Promise.reject(new WorkerTypeError('Failed to fetch'));
    const request = typeof input === 'object' && input !== null && 'url' in input ? new Request(target, input) : target;
    return fetch(request, { ...init, redirect: 'error' }).catch(() => {
      throw new WorkerTypeError('Failed to fetch');
    });
  };

  class XMLHttpRequest {
    static UNSENT = 0;
    static OPENED = 1;
    static HEADERS_RECEIVED = 2;
    static LOADING = 3;
    static DONE = 4;

    constructor() {
      this.readyState = 0;
      this.status = 0;
      this.statusText = '';
      this.response = '';
      this.responseText = '';
      this.responseType = '';
      this.responseURL = '';
      this.timeout = 0;
      this.withCredentials = false;
      this.onload = null;
      this.onerror = null;
      this.onloadend = null;
      this.onreadystatechange = null;
      this.ontimeout = null;
      this.onabort = null;
      this._listeners = [];
      this._headers = {};
      this._responseHeaders = '';
    }

    open(method, url, async = true) {
      this._method = String(method).toUpperCase();
      this._url = String(url);
      this._async = async !== false;
      this.readyState = 1;
    }

    setRequestHeader(name, value) {
      this._headers[name] = String(value);
    }

    getAllResponseHeaders() {
      return this._responseHeaders;
    }

    getResponseHeader(name) {
      const match = new RegExp(`^${name}: (.*)$`, 'im').exec(this._responseHeaders);
      return match ? match[1] : null;
    }

    addEventListener(type, listener) {
      this._listeners.push({ type, listener });
    }

    removeEventListener(type, listener) {
      this._listeners = this._listeners.filter((entry) => entry.type !== type || entry.listener !== listener);
    }

    abort() {
      this._aborted = true;
    }

    send(body) {
      const url = resolve(this._url);
      const target = url ? permitted(url, ['http:', 'https:']) : null;
      report('XMLHttpRequest', this._method, url ? url.href : this._url, target !== null && this._async);
      // A synchronous request cannot be made over fetch; it fails as an unreachable server does.
      if (!this._async) {
        throw new DOMException(`Failed to execute 'send' on 'XMLHttpRequest': Failed to load '${this._url}'.`, 'NetworkError');
      }
      const fail = () => {
        if (this._aborted) return;
        this.readyState = 4;
        this.status = 0;
        this._fire('readystatechange');
        this._fire('error');
        this._fire('loadend');
      };
      if (target === null) {
        setTimeout(fail, 0);
        return;
      }
      const init = { method: this._method, headers: this._headers, redirect: 'error' };
      if (body !== undefined && body !== null && this._method !== 'GET' && this._method !== 'HEAD') init.body = body;
      fetch(target, init).then(async (response) => {
        const text = await response.text();
        if (this._aborted) return;
        this.status = response.status;
        this.statusText = response.statusText;
        this.responseURL = url.href;
        this.responseText = text;
        this.response = this.responseType === 'json' ? safeJSON(text) : text;
        this._responseHeaders = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\r\n');
        this.readyState = 4;
        this._fire('readystatechange');
        this._fire('load');
        this._fire('loadend');
      }, fail);
    }

    _fire(type) {
      const event = { type, target: this, currentTarget: this };
      const handler = this[`on${type}`];
      if (typeof handler === 'function') guarded((e) => handler.call(this, e), [event]);
      for (const entry of this._listeners.filter((item) => item.type === type)) {
        guarded((e) => entry.listener.call(this, e), [event]);
      }
    }
  }

  // A WebSocket never connects here (node 20 has none to delegate to): it fails as an offline browser's does.
  class WebSocket {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;

    constructor(address) {
      const url = resolve(address);
      if (url === null || !['ws:', 'wss:'].includes(url.protocol)) {
        throw new DOMException(`Failed to construct 'WebSocket': The URL '${address}' is invalid.`, 'SyntaxError');
      }
      report('WebSocket', 'GET', url.href, false);
      this.url = url.href;
      this.readyState = 0;
      this.protocol = '';
      this.extensions = '';
      this.bufferedAmount = 0;
      this.binaryType = 'blob';
      this.onopen = null;
      this.onerror = null;
      this.onclose = null;
      this.onmessage = null;
      this._listeners = [];
      setTimeout(() => {
        this.readyState = 3;
        this._fire('error', {});
        this._fire('close', { code: 1006, reason: '', wasClean: false });
      }, 0);
    }

    send() {
      if (this.readyState === 0) throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
    }

    close() {
      this.readyState = 3;
    }

    addEventListener(type, listener) {
      this._listeners.push({ type, listener });
    }

    removeEventListener(type, listener) {
      this._listeners = this._listeners.filter((entry) => entry.type !== type || entry.listener !== listener);
    }

    _fire(type, fields) {
      const event = { type, target: this, currentTarget: this, ...fields };
      const handler = this[`on${type}`];
      if (typeof handler === 'function') guarded((e) => handler.call(this, e), [event]);
      for (const entry of this._listeners.filter((item) => item.type === type)) {
        guarded((e) => entry.listener.call(this, e), [event]);
      }
    }
  }

  return { fetch: hermeticFetch, XMLHttpRequest, WebSocket };
}

// WebCrypto over node's, taking the worker realm's buffers: node checks BufferSource arguments against its
// own realm's ArrayBuffer, which a browser worker's own ArrayBuffer (one realm) always passes.
function makeCrypto() {
  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const toHost = (value) => {
    if (value === null || typeof value !== 'object') return value;
    if (Object.prototype.toString.call(value) === '[object ArrayBuffer]' && !(value instanceof ArrayBuffer)) {
      return new Uint8Array(value).slice();
    }
    if (ArrayBuffer.isView(value) && !(value instanceof TypedArray) && !(value instanceof DataView)) {
      return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
    }
    return value;
  };
  const subtle = {};
  for (const name of [
    'encrypt', 'decrypt', 'sign', 'verify', 'digest', 'generateKey', 'deriveKey', 'deriveBits', 'importKey', 'exportKey',
    'wrapKey', 'unwrapKey',
  ]) {
    subtle[name] = (...args) => webcrypto.subtle[name](...args.map(toHost));
  }
  return Object.freeze({
    subtle: Object.freeze(subtle),
    getRandomValues: (array) => webcrypto.getRandomValues(array),
    randomUUID: () => webcrypto.randomUUID(),
  });
}

function safeJSON(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function makeLocation(href, origin) {
  const url = new URL(href);
  return Object.freeze({
    href,
    origin,
    protocol: url.protocol,
    host: '',
    hostname: '',
    port: '',
    pathname: url.pathname,
    search: '',
    hash: '',
    toString: () => href,
  });
}

function makeConsole(send) {
  const emit = (level) => (...args) => {
    let text = format(...args);
    if (text.length > MAX_CONSOLE_TEXT) text = `${text.slice(0, MAX_CONSOLE_TEXT)}…`;
    send({ channel: 'console', level, text });
  };
  const quiet = () => {};
  return Object.freeze({
    log: emit('log'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    debug: emit('debug'),
    trace: emit('trace'),
    dir: emit('log'),
    table: emit('log'),
    assert: (condition, ...args) => {
      if (!condition) emit('error')('Assertion failed:', ...args);
    },
    group: quiet,
    groupCollapsed: quiet,
    groupEnd: quiet,
    time: quiet,
    timeEnd: quiet,
    timeLog: quiet,
    count: quiet,
    countReset: quiet,
  });
}

// Sorts a load failure into the kinds the Swift side reports differently.
function describeLoadFailure(error, isCompileError, blobURL) {
  const base = describeThrown('load', error);
  let kind = 'exception';
  if (isCompileError && base.file === blobURL) kind = 'wrapperSyntaxError';
  else if (isCompileError) kind = 'syntaxError';
  else if (base.domException === true && (base.name === 'SyntaxError' || base.name === 'NetworkError')) kind = 'scriptNotLoaded';
  else if (base.name === 'ReferenceError' && /^process is not defined$/.test(base.message)) kind = 'processNotDefined';
  else if (base.name === 'ReferenceError') kind = 'referenceError';
  const result = { status: 'failed', kind, name: base.name, message: base.message };
  if (base.code !== undefined) result.code = base.code;
  if (base.file !== undefined) {
    result.file = base.file;
    if (base.line !== undefined) result.line = base.line;
    if (base.column !== undefined) result.column = base.column;
  }
  return result;
}

// name/message/location of anything thrown, whatever realm it came from.
function describeThrown(kind, error) {
  const isObject = error !== null && (typeof error === 'object' || typeof error === 'function');
  const name = isObject && typeof error.name === 'string' ? error.name : typeof error;
  const message = isObject && 'message' in error ? String(error.message) : String(error);
  const described = { kind, name, message };
  if (isObject && typeof error.code === 'string') described.code = error.code;
  if (isObject && error instanceof DOMException) described.domException = true;
  const stack = isObject && typeof error.stack === 'string' ? error.stack : '';
  const location = locationFromStack(stack, name);
  if (location) Object.assign(described, location);
  return described;
}

function locationFromStack(stack, name) {
  // A compile error decorated by node: "<file>:<line>\n<source line>\n<spaces>^…".
  const decorated = /^(.+):(\d+)\n(.*)\n( *)\^/.exec(stack);
  if (decorated && name === 'SyntaxError') {
    return { file: decorated[1], line: Number(decorated[2]), column: decorated[4].length + 1 };
  }
  // Otherwise the first frame in a served script: "at … (<url>:<line>:<col>)" or "at <url>:<line>:<col>"
  // (node's own frames and the harness's are file: or node: URLs).
  for (const frame of stack.split('\n').slice(1)) {
    const match = /\bat (?:.*\()?((?:https?|blob):.+?):(\d+):(\d+)\)?\s*$/.exec(frame);
    if (match) return { file: match[1], line: Number(match[2]), column: Number(match[3]) };
  }
  return null;
}

// What the page receives, as JSON: Error objects (structured-cloneable) become {"$error": name, "message": …}.
function jsonSafe(value, depth = 0) {
  if (depth > 20) return null;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error || Object.prototype.toString.call(value) === '[object Error]') {
    const described = { $error: String(value.name), message: String(value.message) };
    if (typeof value.code === 'string') described.code = value.code;
    return described;
  }
  if (Array.isArray(value)) return value.map((item) => jsonSafe(item, depth + 1) ?? null);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return [...value.entries()].map((entry) => jsonSafe(entry, depth + 1));
  if (value instanceof Set) return [...value.values()].map((item) => jsonSafe(item, depth + 1) ?? null);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return { $binary: value.byteLength };
  const result = {};
  for (const key of Object.keys(value)) {
    const converted = jsonSafe(value[key], depth + 1);
    if (converted !== undefined) result[key] = converted;
  }
  return result;
}
