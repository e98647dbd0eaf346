// One engine, one archive, one fresh page: ?engine=ours|minisearch|flexsearch&archive=FILE&queries=FILE[&pkg=DIR]
//
// Loading and parsing the archive is not timed. Timed, with performance
// marks and measures the runner reads back: `build` (the index over every
// event's title and body) and each query, as `query <class>` measures.
// window.benchDone resolves to { engine, events, buildMs, queries: { class: [ms...] }, hits: { class: n } }.

const params = new URLSearchParams(location.search);
const engineName = params.get('engine');
const status = (text) => { document.getElementById('status').textContent = text; };

function flatten(archive) {
  const docs = [];
  for (const r of archive.releases) {
    for (const e of r.events) docs.push({ id: docs.length, title: e.title, body: e.body.join('\n') });
  }
  return docs;
}

const engines = {
  async ours(text) {
    // ?pkg= another build of the engine, to compare two versions.
    const wasm = await import(`./${params.get('pkg') || 'pkg'}/search_bench_wasm.js`);
    await wasm.default();
    const events = wasm.load(text);
    return {
      events,
      build: () => wasm.build(),
      search: (q) => wasm.query(q),
      memory: () => ({ wasmBytes: wasm.memory_bytes(), indexBytes: wasm.index_bytes() }),
    };
  },
  async minisearch(text) {
    const { default: MiniSearch } = await import('./lib/minisearch.js');
    const docs = flatten(JSON.parse(text));
    let ms;
    return {
      events: docs.length,
      build: () => {
        ms = new MiniSearch({
          fields: ['title', 'body'],
          searchOptions: { prefix: true, fuzzy: 0.2, combineWith: 'AND', boost: { title: 2 } },
        });
        ms.addAll(docs);
      },
      search: (q) => ms.search(q).length,
      memory: () => ({}),
    };
  },
  async flexsearch(text) {
    const { Document } = await import('./lib/flexsearch.js');
    const docs = flatten(JSON.parse(text));
    let index;
    return {
      events: docs.length,
      build: () => {
        index = new Document({ document: { id: 'id', index: ['title', 'body'] }, tokenize: 'forward' });
        for (const d of docs) index.add(d);
      },
      search: (q) => {
        const ids = new Set();
        for (const field of index.search(q, { limit: docs.length })) for (const id of field.result) ids.add(id);
        return ids.size;
      },
      memory: () => ({}),
    };
  },
};

async function run() {
  if (!engines[engineName]) throw new Error(`unknown engine '${engineName}'`);
  status(`${engineName}: loading`);
  const [text, classes] = await Promise.all([
    fetch(params.get('archive')).then((r) => r.text()),
    fetch(params.get('queries')).then((r) => r.json()),
  ]);
  const engine = await engines[engineName](text);
  // The runner collects garbage and reads the heap between these steps.
  window.benchStep = async (step) => {
    if (step === 'build') {
      status(`${engineName}: building`);
      performance.mark('build-start');
      engine.build();
      performance.mark('build-end');
      return performance.measure('build', 'build-start', 'build-end').duration;
    }
    if (step === 'queries') {
      status(`${engineName}: querying`);
      const times = {};
      const hits = {};
      // Three rounds, as the native benchmark does; queries within a round in order.
      for (let round = 0; round < 3; round++) {
        for (const [cls, queries] of classes) {
          times[cls] ??= [];
          hits[cls] ??= 0;
          for (const q of queries) {
            const start = performance.now();
            const n = engine.search(q);
            const ms = performance.now() - start;
            performance.measure(`query ${cls}`, { start, duration: ms });
            times[cls].push(ms);
            hits[cls] += n;
          }
        }
      }
      return { times, hits };
    }
    if (step === 'memory') return engine.memory();
    throw new Error(`unknown step '${step}'`);
  };
  status(`${engineName}: ready`);
  return { engine: engineName, events: engine.events };
}

window.benchReady = run();
