/* XOR explorer: the article's 2-2-1 network, recomputed in the browser as the reader moves a weight.
 *
 * The list of activations, their PyTorch parameters, the article's weights, the labels and the
 * colours all come from the page (generated from the registry at build time); this file only
 * knows formulas. The tests hold every formula to PyTorch's float64 values within 1e-6.
 */
(function () {
  "use strict";

  // ---- Numbers --------------------------------------------------------------------------------

  const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

  /* erf to about 1e-15 absolute. |x| < 2.5: the series
   *   erf(x) = 2/sqrt(pi) e^(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)),
   * whose terms are all positive (no cancellation). Beyond, erfc by its continued fraction
   *   erfc(x) = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
   * evaluated from the tail. Not Abramowitz-Stegun 7.1.26 (1.5e-7 is too coarse for the test). */
  function erf(x) {
    if (Number.isNaN(x)) return NaN;
    const a = Math.abs(x);
    let r;
    if (a < 2.5) {
      const twoA2 = 2 * a * a;
      let term = a;
      let sum = a;
      for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
        term *= twoA2 / (2 * n + 1);
        sum += term;
      }
      r = TWO_OVER_SQRT_PI * Math.exp(-a * a) * sum;
    } else if (a < 6) {
      // 30 levels reach 1e-17 at x = 2.5 (measured against 2000 levels), fewer further out.
      let f = a;
      for (let k = 32; k >= 1; k--) f = a + k / 2 / f;
      r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
    } else {
      r = 1; // erfc(6) < 2.2e-17
    }
    return x < 0 ? -r : r;
  }

  const sigmoid = (x) => 1 / (1 + Math.exp(-x));

  // PyTorch's Softplus: log(1 + e^(beta x)) / beta, and x itself once beta x > threshold.
  const softplus = (beta, threshold) => (x) =>
    beta * x > threshold ? x : Math.log1p(Math.exp(beta * x)) / beta;

  /* One entry per torch.nn module the registry may name: the parameters it understands (with
   * PyTorch's defaults) and a factory taking them. A registry entry naming another module, or a
   * parameter not listed here, is refused loudly rather than approximated. */
  const FORMULAS = {
    Sigmoid: { params: {}, make: () => sigmoid },
    Tanh: { params: {}, make: () => Math.tanh },
    ReLU: { params: {}, make: () => (x) => (x > 0 ? x : 0) },
    LeakyReLU: {
      params: { negative_slope: 0.01 },
      make: (p) => (x) => (x > 0 ? x : x * p.negative_slope),
    },
    GELU: {
      params: { approximate: "none" },
      make: (p) => {
        if (p.approximate === "none") return (x) => 0.5 * x * (1 + erf(x / Math.SQRT2));
        if (p.approximate === "tanh") {
          const c = Math.sqrt(2 / Math.PI);
          return (x) => 0.5 * x * (1 + Math.tanh(c * (x + 0.044715 * x * x * x)));
        }
        throw new Error("GELU: unknown approximate=" + p.approximate);
      },
    },
    Mish: { params: {}, make: () => (x) => x * Math.tanh(Math.log1p(Math.exp(x))) },
    SiLU: { params: {}, make: () => (x) => x * sigmoid(x) },
    ELU: {
      params: { alpha: 1.0 },
      make: (p) => (x) => (x > 0 ? x : p.alpha * Math.expm1(x)),
    },
    SELU: {
      params: {},
      make: () => {
        const scale = 1.0507009873554805;
        const alpha = 1.6732632423543772;
        return (x) => scale * (x > 0 ? x : alpha * Math.expm1(x));
      },
    },
    Softplus: {
      params: { beta: 1.0, threshold: 20.0 },
      make: (p) => softplus(p.beta, p.threshold),
    },
    Hardswish: { params: {}, make: () => (x) => (x * Math.min(Math.max(x + 3, 0), 6)) / 6 },
    Hardtanh: {
      params: { min_val: -1.0, max_val: 1.0 },
      make: (p) => (x) => Math.min(Math.max(x, p.min_val), p.max_val),
    },
    Softsign: { params: {}, make: () => (x) => x / (1 + Math.abs(x)) },
    Identity: { params: {}, make: () => (x) => x },
  };
  // A unit step is not a torch.nn module; the registry may name it by its key.
  const STEP = { params: {}, make: () => (x) => (x > 0 ? 1 : 0) };
  const STEP_NAMES = ["step", "Step", "heaviside", "Heaviside", "HeavisideStep", "UnitStep"];

  /** The function for one registry entry; throws naming the entry when there is no formula. */
  function makeActivation(spec) {
    let formula = FORMULAS[spec.module];
    if (!formula && (STEP_NAMES.includes(spec.module) || STEP_NAMES.includes(spec.key))) {
      formula = STEP;
    }
    if (!formula) {
      throw new Error(`xor-explorer: no formula for ${spec.name} (torch.nn.${spec.module})`);
    }
    const given = Object.assign({}, spec.params);
    delete given.inplace; // where PyTorch writes the result, not what it is
    for (const name of Object.keys(given)) {
      if (!(name in formula.params)) {
        throw new Error(`xor-explorer: ${spec.name} has parameter ${name}, not implemented`);
      }
    }
    return formula.make(Object.assign({}, formula.params, given));
  }

  /** z, f(z), y and sigma(y) for one input, in the order torch.nn.Linear adds them. */
  function forward(w, f, x1, x2) {
    const z1 = w.w11 * x1 + w.w12 * x2 + w.b1;
    const z2 = w.w21 * x1 + w.w22 * x2 + w.b2;
    const f1 = f(z1);
    const f2 = f(z2);
    const y = w.w31 * f1 + w.w32 * f2 + w.b3;
    return { z1, z2, f1, f2, y, p: sigmoid(y) };
  }

  // ---- Formatting, as the generated tables round (activation_tutorial.xor.table) --------------

  // Integers bare (z = -5), others to three decimals (y = -4.933); math.isclose's tolerances.
  function formatNumber(v, digits = 3) {
    const r = Math.round(v);
    const close = Math.abs(v - r) <= Math.max(1e-9 * Math.max(Math.abs(v), Math.abs(r)), 1e-12);
    return (close ? String(r) : v.toFixed(digits)).replace("-", "\u2212");
  }

  // Inside (0, 1) a value is never rounded to a bare 0 or 1 (sigma(15) reads 0.9999997).
  function formatProbability(p, digits = 4, maxDigits = 9) {
    for (let d = digits; d <= maxDigits; d++) {
      const text = p.toFixed(d);
      if (Number(text) !== 0 && Number(text) !== 1) return text;
    }
    return p.toFixed(maxDigits);
  }

  const formatValue = (v) => (v > 0 && v < 1 ? formatProbability(v) : formatNumber(v));

  // ---- Colours --------------------------------------------------------------------------------

  function hexToRgb(hex) {
    const n = parseInt(hex.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }

  /** t in [0, 1] -> [r, g, b], interpolating the figures' colour map linearly. */
  function colormap(stops) {
    const rgb = stops.map(hexToRgb);
    const last = rgb.length - 1;
    return (t) => {
      const s = Math.min(Math.max(t, 0), 1) * last;
      const i = Math.min(Math.floor(s), last - 1);
      const u = s - i;
      return [0, 1, 2].map((c) => Math.round(rgb[i][c] + (rgb[i + 1][c] - rgb[i][c]) * u));
    };
  }

  // ---- The widget -----------------------------------------------------------------------------

  function init(root) {
    const data = JSON.parse(root.querySelector(".xe-data").textContent);
    const $ = (id) => root.querySelector("#" + id);
    const select = $("xe-activation");
    const canvas = $("xe-canvas");
    const status = $("xe-status");
    const link = $("xe-link");
    const sliders = Object.fromEntries(data.parameters.map((p) => [p, $("xe-" + p)]));
    const outputs = Object.fromEntries(data.parameters.map((p) => [p, $("xe-" + p + "-value")]));
    const rows = [...root.querySelectorAll("tbody tr")];

    const functions = {};
    const missing = [];
    for (const spec of data.activations) {
      try {
        functions[spec.key] = makeActivation(spec);
      } catch (error) {
        missing.push({ spec, error });
      }
    }
    // The choices are the registry's entries, in its order; one without a formula is disabled.
    for (const spec of data.activations) {
      const option = new Option(spec.name, spec.key);
      option.disabled = !(spec.key in functions);
      select.append(option);
    }

    function currentWeights() {
      return Object.fromEntries(data.parameters.map((p) => [p, sliders[p].valueAsNumber]));
    }

    function isDark() {
      return document.body.getAttribute("data-md-color-scheme") === "slate";
    }

    function draw(w, f, results) {
      const palette = data.palettes[isDark() ? "dark" : "light"];
      const ctx = canvas.getContext("2d");
      const n = canvas.width;
      const [lo, hi] = data.limits;
      const span = hi - lo;
      const toX = (x1) => ((x1 - lo) / span) * n;
      const toY = (x2) => ((hi - x2) / span) * n;
      const color = colormap(palette.cmap);
      const image = ctx.createImageData(n, n);
      const positive = new Uint8Array(n * n);
      for (let j = 0; j < n; j++) {
        const x2 = hi - ((j + 0.5) / n) * span;
        for (let i = 0; i < n; i++) {
          const x1 = lo + ((i + 0.5) / n) * span;
          const { y, p } = forward(w, f, x1, x2);
          const [r, g, b] = color(p);
          const k = 4 * (j * n + i);
          image.data[k] = r;
          image.data[k + 1] = g;
          image.data[k + 2] = b;
          image.data[k + 3] = 255;
          positive[j * n + i] = y > 0 ? 1 : 0;
        }
      }
      // The sigma(y) = 0.5 boundary: pixels whose sign of y differs from a neighbour's.
      const line = hexToRgb(palette.boundary);
      for (let j = 0; j < n - 1; j++) {
        for (let i = 0; i < n - 1; i++) {
          const s = positive[j * n + i];
          if (s !== positive[j * n + i + 1] || s !== positive[(j + 1) * n + i]) {
            for (const k of [j * n + i, j * n + i + 1, (j + 1) * n + i]) {
              image.data.set(line, 4 * k);
            }
          }
        }
      }
      ctx.putImageData(image, 0, 0);
      // Grid lines at 0 and 1, then the four inputs: shape tells the class, not colour alone.
      ctx.strokeStyle = palette.grid;
      ctx.lineWidth = 1;
      ctx.setLineDash([]);
      for (const v of [0, 1]) {
        ctx.beginPath();
        ctx.moveTo(toX(v), 0);
        ctx.lineTo(toX(v), n);
        ctx.moveTo(0, toY(v));
        ctx.lineTo(n, toY(v));
        ctx.stroke();
      }
      data.inputs.forEach((input, index) => {
        const cx = toX(input.x1);
        const cy = toY(input.x2);
        const r = n * 0.035;
        ctx.beginPath();
        if (input.target === 0) {
          ctx.arc(cx, cy, r, 0, 2 * Math.PI);
        } else {
          ctx.moveTo(cx, cy - 1.25 * r);
          ctx.lineTo(cx + 1.15 * r, cy + 0.75 * r);
          ctx.lineTo(cx - 1.15 * r, cy + 0.75 * r);
          ctx.closePath();
        }
        ctx.fillStyle = input.target === 0 ? palette.class0 : palette.class1;
        ctx.fill();
        ctx.strokeStyle = palette.text;
        ctx.lineWidth = 2;
        ctx.stroke();
        if (results[index].predicted !== input.target) {
          ctx.beginPath();
          ctx.setLineDash([5, 4]);
          ctx.arc(cx, cy, 2.3 * r, 0, 2 * Math.PI);
          ctx.stroke();
          ctx.setLineDash([]);
        }
      });
    }

    function fillTable(results) {
      const text = (v) => formatValue(v);
      results.forEach((r, index) => {
        const row = rows[index];
        const ok = r.predicted === r.target;
        const verdict = root.dataset[ok ? "labelCorrect" : "labelWrong"];
        const cells = {
          x1: String(r.x1), x2: String(r.x2),
          z1: formatNumber(r.z1), z2: formatNumber(r.z2),
          f1: text(r.f1), f2: text(r.f2),
          y: formatNumber(r.y), p: formatProbability(r.p),
          target: String(r.target),
        };
        for (const [col, value] of Object.entries(cells)) {
          row.querySelector(`[data-col="${col}"]`).textContent = value;
        }
        const cell = row.querySelector('[data-col="predicted"]');
        cell.textContent = r.predicted + " ";
        const mark = document.createElement("span");
        mark.textContent = ok ? "\u2713" : "\u2717";
        mark.setAttribute("role", "img"); // a symbol with a name, not text to spell out
        mark.title = verdict;
        mark.setAttribute("aria-label", verdict);
        cell.append(mark);
        row.classList.toggle("xe-wrong", !ok);
      });
    }

    function stateUrl(key, w) {
      const query = new URLSearchParams({ act: key });
      for (const p of data.parameters) query.set(p, String(w[p]));
      return `${location.pathname}?${query}#explorer`;
    }

    function update({ writeUrl = true } = {}) {
      const key = select.value;
      const f = functions[key];
      if (!f) return;
      const w = currentWeights();
      for (const p of data.parameters) outputs[p].textContent = formatNumber(w[p], 1);
      const results = data.inputs.map((input) => {
        const r = forward(w, f, input.x1, input.x2);
        return Object.assign(r, input, { predicted: r.p > 0.5 ? 1 : 0 });
      });
      const correct = results.filter((r) => r.predicted === r.target).length;
      draw(w, f, results);
      fillTable(results);
      const solved = correct === results.length;
      status.textContent = solved
        ? root.dataset.msgSolved
        : root.dataset.msgUnsolved.replace("{correct}", String(correct));
      root.classList.toggle("xe-unsolved", !solved);
      const url = stateUrl(key, w);
      link.href = url;
      if (writeUrl) history.replaceState(history.state, "", url);
    }

    function setState(key, weights) {
      if (key in functions) select.value = key;
      for (const p of data.parameters) {
        if (Number.isFinite(weights[p])) sliders[p].value = String(weights[p]);
      }
    }

    function reset() {
      setState(data.default_activation, data.weights);
      update({ writeUrl: false });
      history.replaceState(history.state, "", location.pathname + location.hash);
    }

    // A shared link restores its state; anything unreadable keeps the article's value.
    const query = new URLSearchParams(location.search);
    const fromUrl = {};
    for (const p of data.parameters) {
      if (query.has(p)) fromUrl[p] = Number(query.get(p));
    }
    setState(data.default_activation, data.weights);
    setState(query.get("act"), fromUrl);

    // Redraw on every input while a slider moves; write the address bar only when it settles
    // ("change"): browsers throttle or refuse hundreds of replaceState calls in a few seconds.
    select.addEventListener("change", () => update());
    for (const p of data.parameters) {
      sliders[p].addEventListener("input", () => update({ writeUrl: false }));
      sliders[p].addEventListener("change", () => update());
    }
    $("xe-reset").addEventListener("click", reset);
    // Material switches palettes by this attribute; redraw in the other colours.
    new MutationObserver(() => update({ writeUrl: false })).observe(document.body, {
      attributes: true,
      attributeFilter: ["data-md-color-scheme"],
    });

    root.hidden = false;
    update({ writeUrl: query.has("act") || Object.keys(fromUrl).length > 0 });

    // For the tests, and for a curious reader's console.
    window.xorExplorer = {
      erf,
      activation: (key) => functions[key],
      forward: (w, key, x1, x2) => forward(w, functions[key], x1, x2),
      missing: missing.map(({ spec }) => spec.key),
      // Every formula this file knows, registry or not, so the tests can check them all.
      modules: Object.keys(FORMULAS),
      formula: (module, params = {}) => makeActivation({ key: module, name: module, module, params }),
      step: makeActivation({ key: "step", name: "step", module: "step", params: {} }),
    };

    if (missing.length) {
      const names = missing.map(({ spec }) => spec.name).join(", ");
      const warning = document.createElement("p");
      warning.className = "xe-error";
      warning.setAttribute("role", "alert");
      warning.textContent = root.dataset.msgMissing.replace("{names}", names);
      root.prepend(warning);
      throw missing[0].error; // loud: the console, and the browser tests' page errors
    }
  }

  function start() {
    const root = document.getElementById("xor-explorer");
    if (root) init(root);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
