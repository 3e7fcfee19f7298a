/* XOR explorer: the article's 2-2-1 network, recomputed and trained in the browser.
 *
 * The activations, their PyTorch parameters, the article's weights, Adam's settings, labels and
 * colours come from the page (generated at build time); every seed's starting weights from a
 * generated file. This file only knows formulas. The tests hold every formula, and training
 * runs of 2,000 steps, to PyTorch's float64 values within 1e-6.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
  const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  /* erf to about 1e-15. |x| < 2.5: the series 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1)/(2n+1)!!
   * (positive terms, no cancellation); below 6, erfc's continued fraction from the tail. */
  function erf(x) {
    if (Number.isNaN(x)) return NaN;
    const a = Math.abs(x);
    let r = 1; // erfc(6) < 2.2e-17
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
      let f = a; // 32 levels reach 1e-17 at x = 2.5
      for (let k = 32; k >= 1; k--) f = a + k / 2 / f;
      r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
    }
    return x < 0 ? -r : r;
  }

  const sigmoid = (x) => 1 / (1 + Math.exp(-x));
  const one = () => 1;

  /* Per torch.nn module: its parameters (PyTorch's defaults) and a factory returning the
   * function and its derivative as PyTorch's autograd takes it (0 or 1 at a kink as PyTorch
   * does). A registry entry naming another module or parameter is refused, not approximated. */
  const FORMULAS = {
    Sigmoid: { params: {}, make: () => [sigmoid, (x) => { const s = sigmoid(x); return s * (1 - s); }] },
    Tanh: { params: {}, make: () => [Math.tanh, (x) => { const t = Math.tanh(x); return 1 - t * t; }] },
    ReLU: { params: {}, make: () => [(x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0)] },
    LeakyReLU: {
      params: { negative_slope: 0.01 },
      make: (p) => [(x) => (x > 0 ? x : x * p.negative_slope), (x) => (x > 0 ? 1 : p.negative_slope)],
    },
    GELU: {
      params: { approximate: "none" },
      make: (p) => {
        if (p.approximate === "none") {
          return [(x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
            (x) => 0.5 * (1 + erf(x / Math.SQRT2)) + x * Math.exp(-0.5 * x * x) * INV_SQRT_2PI];
        }
        if (p.approximate === "tanh") {
          const c = Math.sqrt(2 / Math.PI);
          const k = 0.044715;
          const t = (x) => Math.tanh(c * (x + k * x * x * x));
          return [(x) => 0.5 * x * (1 + t(x)),
            (x) => { const u = t(x); return 0.5 * (1 + u) + 0.5 * x * (1 - u * u) * c * (1 + 3 * k * x * x); }];
        }
        throw new Error("GELU: unknown approximate=" + p.approximate);
      },
    },
    Mish: {
      params: {},
      make: () => [(x) => x * Math.tanh(Math.log1p(Math.exp(x))),
        (x) => { const t = Math.tanh(Math.log1p(Math.exp(x))); return t + x * sigmoid(x) * (1 - t * t); }],
    },
    SiLU: {
      params: {},
      make: () => [(x) => x * sigmoid(x), (x) => { const s = sigmoid(x); return s * (1 + x * (1 - s)); }],
    },
    ELU: {
      params: { alpha: 1.0 },
      make: (p) => [(x) => (x > 0 ? x : p.alpha * Math.expm1(x)), (x) => (x > 0 ? 1 : p.alpha * Math.exp(x))],
    },
    SELU: {
      params: {},
      make: () => {
        const scale = 1.0507009873554805;
        const alpha = 1.6732632423543772;
        return [(x) => scale * (x > 0 ? x : alpha * Math.expm1(x)),
          (x) => scale * (x > 0 ? 1 : alpha * Math.exp(x))];
      },
    },
    Softplus: {
      params: { beta: 1.0, threshold: 20.0 },
      make: ({ beta, threshold }) => [
        (x) => (beta * x > threshold ? x : Math.log1p(Math.exp(beta * x)) / beta),
        (x) => { if (beta * x > threshold) return 1; const z = Math.exp(beta * x); return z / (z + 1); }],
    },
    Hardswish: {
      params: {},
      make: () => [(x) => (x * Math.min(Math.max(x + 3, 0), 6)) / 6,
        (x) => (x < -3 ? 0 : x <= 3 ? x / 3 + 0.5 : 1)],
    },
    Hardtanh: {
      params: { min_val: -1.0, max_val: 1.0 },
      make: ({ min_val: lo, max_val: hi }) => [(x) => Math.min(Math.max(x, lo), hi),
        (x) => (x <= lo || x >= hi ? 0 : 1)],
    },
    Softsign: {
      params: {},
      make: () => [(x) => x / (1 + Math.abs(x)), (x) => 1 / (1 + Math.abs(x)) ** 2],
    },
    Identity: { params: {}, make: () => [(x) => x, one] },
    // The registry's own module. Its derivative is 0 wherever it exists, which is why a network
    // of steps cannot learn by gradients.
    Step: { params: {}, make: () => [(x) => (x > 0 ? 1 : 0), () => 0] },
  };
  const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

  /** [f, f'] for one registry entry; throws naming the entry when there is no formula. */
  function makeActivation(spec) {
    const formula = own(FORMULAS, spec.module) ? FORMULAS[spec.module] : null;
    if (!formula) throw new Error(`xor-explorer: no formula for ${spec.name} (torch.nn.${spec.module})`);
    const given = Object.assign({}, spec.params);
    delete given.inplace; // where PyTorch writes the result, not what it is
    for (const name of Object.keys(given)) {
      if (!own(formula.params, name)) {
        throw new Error(`xor-explorer: ${spec.name} has parameter ${name}, not implemented`);
      }
    }
    return formula.make(Object.assign({}, formula.params, given));
  }

  // Weights as an array in the article's order: w11 w12 b1 w21 w22 b2 w31 w32 b3.
  /** z, f(z), y and sigma(y) for one input, in the order torch.nn.Linear adds them. */
  function forward(w, f, x1, x2) {
    const z1 = w[0] * x1 + w[1] * x2 + w[2];
    const z2 = w[3] * x1 + w[4] * x2 + w[5];
    const f1 = f(z1);
    const f2 = f(z2);
    const y = w[6] * f1 + w[7] * f2 + w[8];
    return { z1, z2, f1, f2, y, p: sigmoid(y) };
  }

  // Binary cross-entropy on the logit, as PyTorch's binary_cross_entropy_with_logits.
  const bce = (y, t) => Math.max(y, 0) - y * t + Math.log1p(Math.exp(-Math.abs(y)));

  /** The mean loss over the inputs and, when ``grad`` is given, its gradient written into it. */
  function lossAndGradient(w, [f, df], inputs, grad) {
    let loss = 0;
    if (grad) grad.fill(0);
    const n = inputs.length;
    for (const { x1, x2, target } of inputs) {
      const r = forward(w, f, x1, x2);
      loss += bce(r.y, target) / n;
      if (!grad) continue;
      const d = (r.p - target) / n;
      const d1 = d * w[6] * df(r.z1);
      const d2 = d * w[7] * df(r.z2);
      const g = [d1 * x1, d1 * x2, d1, d2 * x1, d2 * x2, d2, d * r.f1, d * r.f2, d];
      for (let i = 0; i < 9; i++) grad[i] += g[i];
    }
    return loss;
  }

  // ---- Float64 arithmetic as PyTorch's CPU kernels and Python round it ----------------------

  const SPLIT = 134217729; // 2^27 + 1: splits a double into two halves whose products are exact

  /** a * b as p + e exactly (Dekker). */
  function twoProduct(a, b) {
    const p = a * b;
    const t = SPLIT * a;
    const ah = t - (t - a);
    const u = SPLIT * b;
    const bh = u - (u - b);
    return [p, ah * bh - p + ah * (b - bh) + (a - ah) * bh + (a - ah) * (b - bh)];
  }

  /** a * b + c rounded once, as the fused multiply-add PyTorch's lerp and addcmul run on. */
  function fma(a, b, c) {
    const [p, e] = twoProduct(a, b);
    const s = p + c;
    const z = s - p;
    return s + (p - (s - z) + (c - z) + e);
  }

  /** x ** n for a whole n, rounded once as Python's pow is (V8's misses the last bit for about
   * one n in ten): squaring in double-double, exact to far beyond 2,000 steps. */
  function pow(x, n) {
    const mul = ([ah, al], [bh, bl]) => {
      const [p, e] = twoProduct(ah, bh);
      const lo = e + (ah * bl + al * bh);
      const hi = p + lo;
      return [hi, lo - (hi - p)];
    };
    let r = [1, 0];
    for (let b = [x, 0]; n; n >>= 1, b = mul(b, b)) if (n & 1) r = mul(r, b);
    return r[0] + r[1];
  }

  /** One step of torch.optim.Adam (no weight decay, no amsgrad), in its operations: exp_avg.lerp_,
   * exp_avg_sq.mul_().addcmul_(), denom = sqrt / sqrt(bias_correction2) + eps, then
   * param.addcdiv_(exp_avg, denom, value=-step_size). */
  function adamStep(run, grad, o) {
    run.step += 1;
    const stepSize = o.lr / (1 - pow(o.beta1, run.step));
    const c2 = Math.sqrt(1 - pow(o.beta2, run.step));
    for (let i = 0; i < 9; i++) {
      const g = grad[i];
      run.m[i] = fma(1 - o.beta1, g - run.m[i], run.m[i]);
      run.v[i] = fma((1 - o.beta2) * g, g, run.v[i] * o.beta2);
      run.w[i] += (-stepSize * run.m[i]) / (Math.sqrt(run.v[i]) / c2 + o.eps);
    }
  }

  // ---- Formatting, as the generated tables round (activation_tutorial.xor.table) --------------

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

  // ---- Reading an address: anything unreadable keeps the article's value, and is named -------

  const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
  const MAX_STEP = 100000;
  // 2,000 steps, the experiment's budget, in 80 frames (under 1.5 s at 60 frames a second).
  const STEPS_PER_FRAME = 25;

  /** The state an address asks for, and what in it could not be used (name, value, reason). */
  function readAddress(search, data, keys) {
    let query;
    try {
      query = new URLSearchParams(search);
    } catch (e) {
      query = new URLSearchParams();
    }
    const problems = [];
    const limit = data.range.limit;
    const get = (name) => {
      const all = query.getAll(name);
      if (all.length > 1) problems.push([name, all[1], "repeated"]);
      return all.length ? all[0] : null;
    };
    const state = { act: null, seed: null, step: 0, w: {} };
    const act = get("act");
    if (act !== null) {
      if (keys.includes(act)) state.act = act;
      else problems.push(["act", act, "activation"]);
    }
    for (const p of data.parameters) {
      const text = get(p);
      if (text === null) continue;
      const v = DECIMAL.test(text.trim()) ? Number(text) : NaN;
      if (Number.isFinite(v) && Math.abs(v) <= limit) state.w[p] = v;
      else problems.push([p, text, Number.isFinite(v) ? "range" : "number"]);
    }
    const integer = (name, max) => {
      const text = get(name);
      if (text === null) return null;
      if (/^\d{1,9}$/.test(text.trim()) && Number(text) <= max) return Number(text);
      problems.push([name, text, "range"]);
      return null;
    };
    state.seed = integer("seed", data.training.seeds - 1);
    state.step = integer("step", MAX_STEP) || 0;
    return { state, problems, asked: act !== null || [...query.keys()].some((k) => k === "seed"
      || k === "step" || data.parameters.includes(k)) };
  }

  // ---- Colours and drawing --------------------------------------------------------------------

  function hexToRgb(hex) {
    const n = parseInt(hex.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }

  /** 256 colours sampled from the figures' colour map (interpolated linearly), packed as
   * RGBA in one 32-bit word each (little-endian ImageData: 0xAABBGGRR). */
  function colormap(stops) {
    const rgb = stops.map(hexToRgb);
    const last = rgb.length - 1;
    const table = new Uint32Array(256);
    for (let k = 0; k < 256; k++) {
      const s = (k / 255) * last;
      const i = Math.min(Math.floor(s), last - 1);
      const c = [0, 1, 2].map((j) => Math.round(rgb[i][j] + (rgb[i + 1][j] - rgb[i][j]) * (s - i)));
      table[k] = (255 << 24 | c[2] << 16 | c[1] << 8 | c[0]) >>> 0;
    }
    return table;
  }

  /** Fill an n x n image with the colour of sigma(y) for y = logit(u, v), u and v in [0, 1]
   * (v upwards), and mark in ``line`` where the sign of y changes: the boundary y = 0. */
  function paint(ctx, n, logit, colors, line) {
    const image = ctx.createImageData(n, n);
    const pixels = new Uint32Array(image.data.buffer);
    const positive = new Uint8Array(n * n);
    for (let j = 0; j < n; j++) {
      const v = 1 - (j + 0.5) / n;
      for (let i = 0; i < n; i++) {
        const y = logit((i + 0.5) / n, v);
        const p = 1 / (1 + Math.exp(-y));
        pixels[j * n + i] = colors[p >= 0 && p <= 1 ? Math.round(p * 255) : 0];
        positive[j * n + i] = y > 0 ? 1 : 0;
      }
    }
    const mark = (255 << 24 | line[2] << 16 | line[1] << 8 | line[0]) >>> 0;
    for (let j = 0; j < n - 1; j++) {
      for (let i = 0; i < n - 1; i++) {
        const k = j * n + i;
        if (positive[k] !== positive[k + 1] || positive[k] !== positive[k + n]) pixels[k] = mark;
      }
    }
    ctx.putImageData(image, 0, 0);
  }

  /** A circle (target 0) or triangle (target 1); a wrong prediction gets a ring in black and
   * white, which shows on any colour of either palette. */
  function marker(ctx, cx, cy, r, input, wrong, palette) {
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
    if (wrong) {
      for (const [width, colour] of [[6, "#000"], [2.5, "#fff"]]) {
        ctx.beginPath();
        ctx.arc(cx, cy, 2.1 * r, 0, 2 * Math.PI);
        ctx.lineWidth = width;
        ctx.strokeStyle = colour;
        ctx.stroke();
      }
    }
  }

  /** The line a*u + b*v + c = 0 across the box [lo, hi]^2, through ``to(u, v)``. */
  function line(ctx, a, b, c, lo, hi, to) {
    if (!a && !b) return;
    const ends = Math.abs(b) >= Math.abs(a)
      ? [lo, hi].map((u) => [u, -(a * u + c) / b])
      : [lo, hi].map((v) => [-(b * v + c) / a, v]);
    ctx.beginPath();
    ctx.moveTo(...to(...ends[0]));
    ctx.lineTo(...to(...ends[1]));
    ctx.stroke();
  }

  // ---- The widget -----------------------------------------------------------------------------

  function init(root) {
    const data = JSON.parse(root.querySelector(".xe-data").textContent);
    const $ = (id) => root.querySelector("#xe-" + id);
    const msg = root.dataset;
    const P = data.parameters;
    const select = $("activation");
    const canvas = $("canvas");
    const hiddenCanvas = $("hidden");
    const curve = $("loss-curve");
    const sliders = P.map((p) => $(p));
    const exact = P.map((p) => $(p + "-exact"));
    const rows = [...root.querySelectorAll("tbody tr")];
    const playButton = $("play");
    const seedInput = $("seed");
    const notice = $("notice");
    const article = P.map((p) => data.weights[p]);
    const opt = data.training;

    const functions = new Map();
    const missing = [];
    for (const spec of data.activations) {
      try {
        functions.set(spec.key, makeActivation(spec));
      } catch (error) {
        missing.push({ spec, error });
      }
    }
    for (const spec of data.activations) {
      const option = new Option(spec.name, spec.key);
      option.disabled = !functions.has(spec.key);
      select.append(option);
    }

    // The run: where it started (a seed, or weights), how far it went, Adam's moments, losses.
    let run;
    let seeds = null; // every seed's starting weights, fetched when first needed
    let playing = false;

    function startRun(start, seed) {
      run = { start: start.slice(), seed, w: start.slice(), m: new Array(9).fill(0),
        v: new Array(9).fill(0), step: 0, losses: [] };
      run.losses.push(lossAndGradient(run.w, functions.get(select.value), data.inputs));
    }

    function train(steps) {
      const f = functions.get(select.value);
      const grad = new Array(9);
      for (let k = 0; k < steps; k++) {
        lossAndGradient(run.w, f, data.inputs, grad);
        adamStep(run, grad, opt);
        run.losses.push(lossAndGradient(run.w, f, data.inputs));
      }
    }

    function loadSeeds() {
      if (!seeds) {
        const url = new URL("../" + opt.file, script ? script.src : location.href);
        seeds = fetch(url).then((r) => r.json()).then((file) => {
          const ok = Array.isArray(file.seeds) && file.seeds.length === opt.seeds
            && file.seeds.every((w) => w.length === 9 && w.every(Number.isFinite));
          if (!ok) throw new Error("xor-explorer: unreadable " + opt.file);
          return file.seeds;
        });
        seeds.catch(() => { seeds = null; });
      }
      return seeds;
    }

    function isDark() {
      return document.body.getAttribute("data-md-color-scheme") === "slate";
    }

    // The heatmap's geometry: plot box at (L, T), S pixels square, drawn from R x R samples.
    const L = 34;
    const T = 8;
    const S = 300;
    const [lo, hi] = data.limits;
    const span = hi - lo;
    const toX = (x1) => L + ((x1 - lo) / span) * S;
    const toY = (x2) => T + ((hi - x2) / span) * S;
    const off = document.createElement("canvas");

    function draw(w, f, results, sharp) {
      const palette = data.palettes[isDark() ? "dark" : "light"];
      const color = palette.lut || (palette.lut = colormap(palette.cmap));
      const stroke = hexToRgb(palette.boundary);
      const ctx = canvas.getContext("2d");
      // Fewer samples while training plays (the picture moves; each costs two f(z)) and on the
      // frame a pause stops on, whose sharp picture comes in the next.
      const R = sharp && !playing ? 120 : 60;
      if (off.width !== R) off.width = off.height = R;
      paint(off.getContext("2d"), R, (u, v) => {
        const x1 = lo + u * span;
        const x2 = lo + v * span;
        return w[6] * f(w[0] * x1 + w[1] * x2 + w[2]) + w[7] * f(w[3] * x1 + w[4] * x2 + w[5]) + w[8];
      }, color, stroke);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(off, L, T, S, S);
      // Axes: x1 along the bottom, x2 up the side, ticks at 0 and 1; then a colour key.
      ctx.fillStyle = palette.text;
      ctx.strokeStyle = palette.grid;
      ctx.lineWidth = 1;
      ctx.font = "13px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      for (const v of [0, 1]) {
        line(ctx, 1, 0, -v, lo, hi, (a, b) => [toX(a), toY(b)]);
        line(ctx, 0, 1, -v, lo, hi, (a, b) => [toX(a), toY(b)]);
        ctx.fillText(String(v), toX(v), T + S + 3);
        ctx.fillText(String(v), L - 10, toY(v) - 7);
      }
      ctx.font = "italic 14px serif";
      ctx.fillText("x\u2081", L + S - 14, T + S + 3);
      ctx.fillText("x\u2082", L - 14, T + 2);
      const keyY = T + S + 24;
      const key = ctx.createLinearGradient(L, 0, L + S, 0);
      palette.cmap.forEach((c, i) => key.addColorStop(i / (palette.cmap.length - 1), c));
      ctx.fillStyle = key;
      ctx.fillRect(L, keyY, S, 10);
      ctx.strokeStyle = palette.text;
      ctx.strokeRect(L + 0.5, keyY + 0.5, S - 1, 9);
      ctx.fillStyle = palette.text;
      ctx.font = "13px sans-serif";
      for (const [t, text] of [[0, "0"], [0.5, "0.5"], [1, "1"]]) ctx.fillText(text, L + t * (S - 1), keyY + 13);
      ctx.textAlign = "right";
      ctx.fillText("\u03c3(y)", L - 4, keyY - 2);
      // Each hidden unit's line z = 0, dashed and dotted, clipped to the plot.
      ctx.save();
      ctx.beginPath();
      ctx.rect(L, T, S, S);
      ctx.clip();
      ctx.strokeStyle = palette.text;
      ctx.lineWidth = 2;
      for (const [k, dash] of [[0, [8, 5]], [3, [2, 4]]]) {
        ctx.setLineDash(dash);
        line(ctx, w[k], w[k + 1], w[k + 2], lo, hi, (a, b) => [toX(a), toY(b)]);
      }
      ctx.restore();
      ctx.setLineDash([]);
      data.inputs.forEach((input, i) =>
        marker(ctx, toX(input.x1), toY(input.x2), S * 0.035, input, results[i].predicted !== input.target, palette));
      drawHidden(w, results, palette);
    }

    /** The four inputs as the output layer sees them, at (f(z1), f(z2)), in a square around
     * them and the unit square, as the page's hidden-space figure draws them: each side of the
     * output layer's line y = 0 tinted in its class's colour over the page's background. */
    function drawHidden(w, results, palette) {
      const ctx = hiddenCanvas.getContext("2d");
      const [m, box] = [26, hiddenCanvas.width - 34];
      const vs = results.flatMap((r) => [r.f1, r.f2]);
      const [a, b] = [Math.min(0, ...vs), Math.max(1, ...vs)];
      const [lo, hi] = [a - (b - a) * 0.12, b + (b - a) * 0.12];
      const to = (u, v) => [m + ((u - lo) / (hi - lo)) * box, 4 + ((hi - v) / (hi - lo)) * box];
      const y = ([u, v]) => w[6] * u + w[7] * v + w[8];
      const corners = [[lo, lo], [hi, lo], [hi, hi], [lo, hi]];
      const positive = []; // the box's part where y > 0
      corners.forEach((p, i) => {
        const q = corners[(i + 1) % 4];
        if (y(p) > 0) positive.push(p);
        if (y(p) > 0 !== y(q) > 0) {
          const t = y(p) / (y(p) - y(q));
          positive.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
        }
      });
      ctx.clearRect(0, 0, hiddenCanvas.width, hiddenCanvas.height);
      ctx.globalAlpha = 0.18;
      ctx.fillStyle = palette.class0;
      ctx.fillRect(m, 4, box, box);
      ctx.fillStyle = palette.class1;
      ctx.beginPath();
      positive.forEach((p, i) => (i ? ctx.lineTo(...to(...p)) : ctx.moveTo(...to(...p))));
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1;
      ctx.strokeStyle = palette.grid;
      ctx.strokeRect(m + 0.5, 4.5, box - 1, box - 1);
      ctx.fillStyle = palette.text;
      ctx.font = "12px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      for (const v of [0, 1]) {
        line(ctx, 1, 0, -v, lo, hi, to);
        line(ctx, 0, 1, -v, lo, hi, to);
        ctx.fillText(String(v), to(v, lo)[0], 6 + box);
        ctx.fillText(String(v), m - 7, to(lo, v)[1] - 6);
      }
      ctx.font = "italic 13px serif";
      ctx.fillText("f(z\u2081)", m + box / 2, 18 + box);
      ctx.save();
      ctx.translate(7, 4 + box / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText("f(z\u2082)", 0, -6);
      ctx.restore();
      ctx.strokeStyle = palette.text;
      ctx.lineWidth = 2;
      line(ctx, w[6], w[7], w[8], lo, hi, to);
      results.forEach((r, i) =>
        marker(ctx, ...to(r.f1, r.f2), 6, data.inputs[i], r.predicted !== r.target, palette));
    }

    /** The loss against the step, on a log scale: at most one point per pixel column, each
     * axis named and its ends numbered. */
    function drawCurve(palette) {
      const ctx = curve.getContext("2d");
      const { width, height } = curve;
      const [l, t, r, b] = [40, 4, width - 8, height - 30]; // the plot box
      const losses = run.losses;
      const logs = [];
      const per = Math.max(1, Math.ceil(losses.length / (r - l)));
      for (let i = 0; i < losses.length; i += per) logs.push(Math.log10(Math.max(losses[i], 1e-12)));
      logs.push(Math.log10(Math.max(losses[losses.length - 1], 1e-12)));
      const top = Math.max(...logs);
      const bottom = Math.min(...logs, top - 1);
      ctx.clearRect(0, 0, width, height);
      ctx.strokeStyle = palette.grid;
      ctx.lineWidth = 1;
      ctx.strokeRect(l + 0.5, t + 0.5, r - l, b - t);
      ctx.strokeStyle = palette.text;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      logs.forEach((v, i) => {
        const x = l + 2 + (i / Math.max(logs.length - 1, 1)) * (r - l - 4);
        const y = t + 3 + ((top - v) / (top - bottom)) * (b - t - 6);
        if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      });
      ctx.stroke();
      const tick = (e) => { const v = 10 ** e; return v >= 0.01 ? String(Number(v.toPrecision(2))) : v.toExponential(0); };
      ctx.fillStyle = palette.text;
      ctx.font = "12px sans-serif";
      ctx.textBaseline = "top";
      ctx.textAlign = "left";
      ctx.fillText("0", l, b + 2);
      ctx.textAlign = "right";
      ctx.fillText(String(run.step), r, b + 2);
      ctx.fillText(tick(top), l - 3, t);
      ctx.textBaseline = "bottom";
      ctx.fillText(tick(bottom), l - 3, b);
      ctx.textAlign = "center";
      ctx.fillText(msg.labelStep, (l + r) / 2, height);
      ctx.save();
      ctx.translate(12, (t + b) / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textBaseline = "middle";
      ctx.fillText(msg.labelLoss, 0, 0);
      ctx.restore();
    }

    // A text node replaced by the same text still costs a layout: only what changed is written.
    const setText = (el, text) => { if (el.textContent !== text) el.textContent = text; };

    function fillTable(results) {
      results.forEach((r, index) => {
        const row = rows[index];
        const ok = r.predicted === r.target;
        const cells = {
          x1: String(r.x1), x2: String(r.x2), z1: formatNumber(r.z1), z2: formatNumber(r.z2),
          f1: formatValue(r.f1), f2: formatValue(r.f2), y: formatNumber(r.y),
          p: formatProbability(r.p), target: String(r.target),
        };
        for (const [col, value] of Object.entries(cells)) setText(row.querySelector(`[data-col="${col}"]`), value);
        const cell = row.querySelector('[data-col="predicted"]');
        if (cell.dataset.shown === `${r.predicted}${ok}`) return;
        cell.dataset.shown = `${r.predicted}${ok}`;
        cell.textContent = r.predicted + " ";
        const mark = document.createElement("span");
        mark.textContent = ok ? "\u2713" : "\u2717";
        mark.setAttribute("role", "img"); // a symbol with a name, not text to spell out
        mark.title = msg[ok ? "labelCorrect" : "labelWrong"];
        mark.setAttribute("aria-label", mark.title);
        cell.append(mark);
        row.classList.toggle("xe-wrong", !ok);
      });
    }

    /** The address of the state: activation, where the run started (a seed or nine numbers)
     * and its step. Opening it replays the run, so the numbers are the very same. */
    function stateQuery() {
      const query = new URLSearchParams({ act: select.value });
      if (run.seed !== null) query.set("seed", String(run.seed));
      else P.forEach((p, i) => query.set(p, String(run.start[i])));
      if (run.step) query.set("step", String(run.step));
      return "?" + query;
    }

    /** The address bar and the language menu's links: the state, or none (the article's). */
    function writeAddress(query = stateQuery()) {
      const hash = query ? "#explorer" : location.hash;
      try {
        history.replaceState(history.state, "", location.pathname + query + hash);
      } catch (e) { /* a sandboxed frame: the link below still holds the state */ }
      // The other languages' version of this page opens in the same state.
      for (const a of document.querySelectorAll("a[hreflang]")) {
        const target = new URL(a.href, location.href);
        if (target.origin !== location.origin) continue;
        target.search = query;
        target.hash = query ? "explorer" : "";
        a.href = target.href;
      }
    }

    let shownStatus = "";
    /** Redraw. ``table`` and ``controls``: also the numbers in them, which change too fast to
     * read while training plays and cost a page layout each (the canvases do not). */
    function update({ writeUrl = true, fields = true, table = true, controls = true, sharp = true } = {}) {
      const f = functions.get(select.value);
      if (!f) return;
      const w = run.w;
      const results = data.inputs.map((input) => {
        const r = forward(w, f[0], input.x1, input.x2);
        return Object.assign(r, input, { predicted: r.p > 0.5 ? 1 : 0 });
      });
      const correct = results.filter((r) => r.predicted === r.target).length;
      draw(w, f[0], results, sharp);
      drawCurve(data.palettes[isDark() ? "dark" : "light"]);
      setText($("step-count"), String(run.step));
      setText($("loss"), run.losses[run.losses.length - 1].toPrecision(6));
      const solved = correct === results.length;
      const status = solved ? msg.msgSolved : msg.msgUnsolved.replace("{correct}", String(correct));
      if (status !== shownStatus) $("status").textContent = shownStatus = status;
      root.classList.toggle("xe-unsolved", !solved);
      if (table) fillTable(results);
      if (!controls) return;
      P.forEach((p, i) => {
        sliders[i].value = String(w[i]);
        if (fields && document.activeElement !== exact[i]) exact[i].value = String(w[i]); // not under the reader's typing
      });
      $("link").href = stateQuery() + "#explorer";
      if (writeUrl) writeAddress();
    }

    function tell(problems) {
      notice.hidden = !problems.length;
      if (!problems.length) return;
      // Text only, never markup; long values are cut short.
      const cut = (s) => (s.length > 24 ? s.slice(0, 24) + "\u2026" : s);
      const list = problems.map(([name, value, why]) => `${cut(name)}=\u201c${cut(value)}\u201d (${msg["why" + why[0].toUpperCase() + why.slice(1)]})`);
      notice.textContent = msg.msgAddress.replace("{list}", list.join(", "));
    }

    function pause() {
      playing = false;
      playButton.textContent = msg.labelPlay;
      playButton.setAttribute("aria-pressed", "false");
    }

    let frames = 0;
    function frame() {
      if (!playing) return;
      train(STEPS_PER_FRAME);
      // The table and the sliders take turns, each every eighth frame: one layout at a time. The
      // exact values, unreadable while they change, are written when training pauses.
      frames += 1;
      update({ writeUrl: false, fields: false, table: frames % 8 === 0, controls: frames % 8 === 4 });
      if (playing) requestAnimationFrame(frame);
    }

    /** Start again from a seed's weights or from the given ones, then replay ``steps`` steps. */
    function restart(start, seed, steps = 0) {
      startRun(start, seed);
      train(steps);
    }

    function fromSeed(seed, steps = 0) {
      tell([]);
      return loadSeeds().then((all) => {
        restart(all[seed], seed, steps);
        seedInput.value = String(seed);
        update();
      }, () => tell([["seed", String(seed), "file"]]));
    }

    // Hand-set weights start a new run from themselves.
    function setWeight(i, value) {
      const w = run.w.slice();
      w[i] = value;
      pause();
      restart(w, null);
    }

    P.forEach((p, i) => {
      sliders[i].addEventListener("input", () => { setWeight(i, sliders[i].valueAsNumber); update({ writeUrl: false }); });
      sliders[i].addEventListener("change", () => update());
      exact[i].addEventListener("change", () => {
        const text = exact[i].value.trim();
        const v = DECIMAL.test(text) ? Number(text) : NaN;
        if (Number.isFinite(v) && Math.abs(v) <= data.range.limit) {
          tell([]);
          setWeight(i, v);
        } else {
          tell([[p, text, Number.isFinite(v) ? "range" : "number"]]);
        }
        update();
      });
    });
    // Another activation: the same run (start and step) under it.
    select.addEventListener("change", () => {
      pause();
      restart(run.start, run.seed, run.step);
      update();
    });
    $("reset").addEventListener("click", () => {
      pause();
      tell([]);
      select.value = data.default_activation;
      restart(article, null);
      update({ writeUrl: false });
      writeAddress("");
    });
    $("from-seed").addEventListener("click", () => {
      pause();
      const seed = seedInput.valueAsNumber;
      if (Number.isInteger(seed) && seed >= 0 && seed < opt.seeds) fromSeed(seed);
      else tell([["seed", seedInput.value, "range"]]);
    });
    playButton.addEventListener("click", () => {
      if (playing) {
        pause(); // the numbers now, the sharp heatmap in the next frame: two short tasks
        update({ sharp: false });
        requestAnimationFrame(() => update({ writeUrl: false, table: false, controls: false }));
        return;
      }
      playing = true;
      playButton.textContent = msg.labelPause;
      playButton.setAttribute("aria-pressed", "true");
      // The button's new label is laid out in a frame of its own, before the first steps.
      requestAnimationFrame(() => requestAnimationFrame(frame));
    });
    $("one-step").addEventListener("click", () => {
      pause();
      train(1);
      update();
    });
    $("restart").addEventListener("click", () => {
      pause();
      restart(run.start, run.seed);
      update();
    });
    // Material switches palettes by this attribute; redraw in the other colours.
    new MutationObserver(() => update({ writeUrl: false, fields: false })).observe(document.body, {
      attributes: true,
      attributeFilter: ["data-md-color-scheme"],
    });

    // The address: the article's values for anything missing or unreadable.
    const keys = [...functions.keys()];
    const asked = readAddress(location.search, data, keys);
    const s = asked.state;
    select.value = s.act || data.default_activation;
    restart(P.map((p, i) => (own(s.w, p) ? s.w[p] : article[i])), null, s.seed === null ? s.step : 0);
    root.hidden = false;
    update({ writeUrl: asked.asked });
    tell(asked.problems);
    if (s.seed !== null) {
      fromSeed(s.seed, s.step).then(() => tell(asked.problems));
    }

    // For the tests and the benchmark, and for a curious reader's console.
    window.xorExplorer = {
      erf,
      activation: (key) => functions.get(key)[0],
      forward: (w, key, x1, x2) => forward(P.map((p) => w[p]), functions.get(key)[0], x1, x2),
      missing: missing.map(({ spec }) => spec.key),
      modules: Object.keys(FORMULAS),
      formula: (module, params = {}) => makeActivation({ key: module, name: module, module, params })[0],
      /** Train from ``start`` (nine numbers) under ``key``; weights and loss after each step in ``at``. */
      trajectory(key, start, at) {
        const r = { w: start.slice(), m: new Array(9).fill(0), v: new Array(9).fill(0), step: 0 };
        const f = functions.get(key);
        const grad = new Array(9);
        const out = {};
        for (let k = 1; k <= Math.max(...at); k++) {
          lossAndGradient(r.w, f, data.inputs, grad);
          adamStep(r, grad, opt);
          if (at.includes(k)) out[k] = { weights: r.w.slice(), loss: lossAndGradient(r.w, f, data.inputs) };
        }
        return out;
      },
      seeds: () => loadSeeds(),
      /** What the page does with an address's query (``location.search``): state and problems. */
      readAddress: (search) => readAddress(search, data, keys),
      /** Where an input sits on the heatmap's canvas, in its pixels, and a marker's radius. */
      at: (x1, x2) => [toX(x1), toY(x2), S * 0.035],
      state: () => ({ act: select.value, seed: run.seed, step: run.step, weights: run.w.slice(),
        loss: run.losses[run.losses.length - 1], playing }),
    };

    if (missing.length) {
      const names = missing.map(({ spec }) => spec.name).join(", ");
      const warning = document.createElement("p");
      warning.className = "xe-error";
      warning.setAttribute("role", "alert");
      warning.textContent = msg.msgMissing.replace("{names}", names);
      root.prepend(warning);
      throw missing[0].error; // loud: the console, and the browser tests' page errors
    }
  }

  function start() {
    const root = document.getElementById("xor-explorer");
    if (root) init(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
