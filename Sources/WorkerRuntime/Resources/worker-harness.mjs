// worker-harness.mjs — runs an Open edX proctoring worker bundle in node the way a browser page runs it.
//
// Usage: node worker-harness.mjs '<script JSON>'
//   {"bundlePath", "bundleURL", "pageOrigin", "lifetime": "freshPerPrompt"|"shared", "config": {…}|null,
//    "replyWaitMilliseconds", "loadWaitMilliseconds", "exchanges": [{"prompt", "message", "successType", "hostTimeoutMilliseconds"}]}
// The messages and timeouts each host sends are decided by the Swift side (WorkerExchangeScript.swift).
//
// The page side (this file's main thread) plays the host: the learning MFE (frontend-lib-special-exams,
// "JS 2.0") or the legacy courseware page (edx-proctoring exam_action_handler.js, "JS 1.0"). For each
// prompt it creates a worker the way the host does (`new Worker(blob:"importScripts('<url>');")`), sends
// the optional `config` message and then exactly one prompt `{type, timeout, attemptExternalId}`, and
// waits for the first reply like the host's `workerPromiseForEventNames`: a reply whose type is the
// success name resolves, ANY other message rejects. It prints one JSON line per exchange on stdout.
//
// The worker side (a worker_threads thread) does not run the bundle in node's own global scope, which
// has `process`, `require`, `Buffer` and friends that a browser worker lacks. It runs it as a classic
// script inside a fresh `vm` context whose global object is shaped like a DedicatedWorkerGlobalScope:
// `self`, `location` (the blob: URL), `importScripts`, `postMessage`, `addEventListener`,
// `removeEventListener`, `onmessage`, timers, `console` (captured), and the web APIs node has (fetch,
// URL, TextEncoder, crypto, atob, …), and an XMLHttpRequest over fetch (asynchronous requests only).
// No `window`, `document`, `process`, `require`, `global`, `Buffer`. Not imitated: `error` events on the
// worker scope (`onerror`), `dispatchEvent`, transfer lists.
//
// Output lines (one per exchange, keys in this order):
//   {"exchange":0,"worker":0,"prompt":"ping","sent":{…},"outcome":"succeeded|failed|timedOut|loadFailed",
//    "replyType":"echo"|null,"reply":{…}|null,"elapsed":"under100ms"|…|null,"waitLimitMilliseconds":n,
//    "hostTimeoutMilliseconds":n|null,"load":{"status":"ok"}|{"status":"unfinished"}|{"status":"failed","kind":…},
//    "listeners":n,"uncaught":[…],"console":[…]}
// Exit status: 0 when every exchange was run (whatever their outcome), 2 when the script is unusable.

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import vm from 'node:vm';
import { format } from 'node:util';
import { webcrypto } from 'node:crypto';

// A deterministic stand-in for the random part of `URL.createObjectURL(blob)`.
const BLOB_ID = '00000000-0000-4000-8000-000000000000';
const MAX_CONSOLE_TEXT = 2000;
const MAX_CONSOLE_LINES = 200;

if (isMainThread) {
  await runHost();
} else {
  runWorkerScope();
}

// ------------------------------------------------------------------------------------------------
// Host (page) side
// ------------------------------------------------------------------------------------------------

async function runHost() {
  let script;
  try {
    script = validateScript(JSON.parse(process.argv[2] ?? ''));
  } catch (error) {
    process.stderr.write(`worker-harness: unusable script: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }

  let shared = null;
  let workerIndex = 0;
  for (let index = 0; index < script.exchanges.length; index += 1) {
    const exchange = script.exchanges[index];
    let worker;
    if (script.lifetime === 'shared') {
      if (!shared) {
        shared = startWorker(script, workerIndex);
        workerIndex += 1;
        if (script.config !== null) shared.post({ type: 'config', options: script.config });
      }
      worker = shared;
    } else {
      worker = startWorker(script, workerIndex);
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
    exchanges: raw.exchanges,
  };
  if (!['freshPerPrompt', 'shared'].includes(script.lifetime)) throw new Error(`unknown lifetime "${script.lifetime}"`);
  if (!Array.isArray(script.exchanges)) throw new Error('"exchanges" must be an array');
  for (const exchange of script.exchanges) {
    need(exchange, 'prompt', 'string');
    need(exchange, 'successType', 'string');
    need(exchange, 'message', 'object');
    if (exchange.hostTimeoutMilliseconds !== null) need(exchange, 'hostTimeoutMilliseconds', 'number');
  }
  return script;
}

function startWorker(script, index) {
  const thread = new Worker(new URL(import.meta.url), {
    workerData: {
      bundlePath: script.bundlePath,
      bundleURL: script.bundleURL,
      pageOrigin: script.pageOrigin,
    },
    // The bundle cannot reach process.stdout (process is hidden), but keep the thread's own streams
    // away from our JSON lines all the same.
    stdout: true,
    stderr: true,
  });
  const state = {
    index,
    load: null,
    loadedAt: 0,
    listeners: 0,
    pendingTimers: 0,
    console: [],
    droppedConsoleLines: 0,
    uncaught: [],
    replies: [],
    exitError: null,
    waiter: null,
  };
  const wake = () => {
    if (state.waiter) state.waiter();
  };
  thread.on('message', (envelope) => {
    switch (envelope.channel) {
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
      default:
        break;
    }
    wake();
  });
  thread.on('error', (error) => {
    // Only harness faults reach here: the bundle's own exceptions are caught in the worker scope.
    state.exitError = { kind: 'harnessFault', name: error?.name ?? 'Error', message: String(error?.message ?? error) };
    wake();
  });
  thread.on('exit', () => {
    state.exited = true;
    wake();
  });
  return {
    state,
    post: (message) => thread.postMessage(message),
    terminate: () => thread.terminate(),
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
  const sentAt = performance.now();
  worker.post(sent);

  // The wait counts from when the worker finished loading (or from the post, if it already had): worker
  // start-up is quick in a browser but not on a busy machine, and must not eat into the handler's time.
  // A worker whose top-level code does not finish within `loadWaitMilliseconds` is reported with load
  // "unfinished".
  const waitStart = () => (state.load ? Math.max(sentAt, state.loadedAt) : sentAt);
  const deadline = () => (state.load ? waitStart() + waitLimit : sentAt + script.loadWaitMilliseconds);
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
// Worker side: a DedicatedWorkerGlobalScope look-alike around a vm context
// ------------------------------------------------------------------------------------------------

function runWorkerScope() {
  const { bundlePath, bundleURL, pageOrigin } = workerData;
  const send = (envelope) => parentPort.postMessage(envelope);

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

  // Web APIs node provides with browser semantics.
  for (const name of [
    'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal', 'Blob',
    'Event', 'EventTarget', 'DOMException', 'atob', 'btoa', 'fetch', 'Headers', 'Request', 'Response',
    'FormData', 'performance', 'ReadableStream', 'WritableStream', 'TransformStream', 'BroadcastChannel',
    'MessageChannel', 'MessagePort', 'WebSocket',
  ]) {
    if (globalThis[name] !== undefined) define(name, globalThis[name]);
  }
  define('crypto', webcrypto);
  define('XMLHttpRequest', makeXMLHttpRequest(guarded));

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
  const bundleDirectoryURL = new URL('.', bundleURL).href;
  const bundleDirectory = dirname(bundlePath);
  define('importScripts', (...urls) => {
    for (const url of urls) {
      let resolved;
      try {
        resolved = new URL(String(url), blobURL).href;
      } catch {
        throw new DOMException(`Failed to execute 'importScripts': The URL '${url}' is invalid.`, 'SyntaxError');
      }
      let file = null;
      if (resolved === bundleURL) file = bundlePath;
      else if (resolved.startsWith(bundleDirectoryURL)) {
        const candidate = normalize(join(bundleDirectory, decodeURIComponent(resolved.slice(bundleDirectoryURL.length).split(/[?#]/)[0])));
        if (candidate.startsWith(bundleDirectory + sep)) file = candidate;
      }
      let source;
      try {
        if (file === null) throw new Error('outside the bundle directory');
        source = readFileSync(file, 'utf8');
      } catch {
        throw new DOMException(`Failed to execute 'importScripts': The script at '${resolved}' failed to load.`, 'NetworkError');
      }
      // Compile errors leave this function as thrown SyntaxErrors, like importScripts does; they are
      // remembered so they are not confused with a SyntaxError the script throws while running.
      let compiled;
      try {
        compiled = new vm.Script(source, { filename: resolved });
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

  parentPort.on('message', (data) => {
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
  });
}

// Workers have XMLHttpRequest and node does not. Asynchronous requests go through fetch; a synchronous
// request throws NetworkError as a browser does when the server cannot be reached (it cannot be done
// over fetch), which handlers already have to cope with.
function makeXMLHttpRequest(guarded) {
  return class XMLHttpRequest {
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
      if (!this._async) {
        throw new DOMException(`Failed to execute 'send' on 'XMLHttpRequest': Failed to load '${this._url}'.`, 'NetworkError');
      }
      const init = { method: this._method, headers: this._headers };
      if (body !== undefined && body !== null && this._method !== 'GET' && this._method !== 'HEAD') init.body = body;
      fetch(this._url, init).then(async (response) => {
        const text = await response.text();
        if (this._aborted) return;
        this.status = response.status;
        this.statusText = response.statusText;
        this.responseURL = response.url;
        this.responseText = text;
        this.response = this.responseType === 'json' ? safeJSON(text) : text;
        this._responseHeaders = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\r\n');
        this.readyState = 4;
        this._fire('readystatechange');
        this._fire('load');
        this._fire('loadend');
      }, () => {
        if (this._aborted) return;
        this.readyState = 4;
        this._fire('readystatechange');
        this._fire('error');
        this._fire('loadend');
      });
    }

    _fire(type) {
      const event = { type, target: this, currentTarget: this };
      const handler = this[`on${type}`];
      if (typeof handler === 'function') guarded((e) => handler.call(this, e), [event]);
      for (const entry of this._listeners.filter((item) => item.type === type)) {
        guarded((e) => entry.listener.call(this, e), [event]);
      }
    }
  };
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
    return { $error: String(value.name), message: String(value.message) };
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
