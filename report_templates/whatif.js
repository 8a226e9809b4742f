/* What-if weights (evalkit): move a top-level criterion's weight, or an AHP judgment, and see the
   overall score and grade recomputed from the Result's metric scores. No server, no network.
   The formulas are the roll-up of evalkit.scoring.rollup and the eigenvector method of
   evalkit.ahp, described in docs/diff.md ("What-if"). */
(function (global) {
  "use strict";

  /* The scores of every node: each node's score is the weighted mean of the children that
     counted, its weights re-normalised over them; a node whose coverage (the share of its
     weight that had data) is below minCoverage has no score. weights: node -> child -> weight;
     scores: scored metric -> score or null; missing: "renormalize" or "zero". */
  function rollUp(weights, scores, missing, minCoverage) {
    var out = {};
    function visit(node) {
      var total = 0, counted = 0, weight = 0, covered = 0;
      var children = weights[node] || {};
      Object.keys(children).forEach(function (child) {
        var score, share;
        if (Object.prototype.hasOwnProperty.call(weights, child)) {
          var found = visit(child);
          if (found === null) return;
          score = found[0]; share = found[1];
        } else if (Object.prototype.hasOwnProperty.call(scores, child)) {
          score = scores[child];
          share = score === null ? 0 : 1;
        } else {
          return;
        }
        var w = children[child];
        weight += w;
        covered += w * share;
        if (score === null) {
          if (missing !== "zero") return;
          score = 0;
        }
        total += w * score;
        counted += w;
      });
      if (weight <= 0) return null;
      var coverage = covered / weight;
      var enough = counted > 0 && coverage >= minCoverage - 1e-12;
      out[node] = enough ? total / counted : null;
      return [out[node], coverage];
    }
    visit("root");
    return out;
  }

  /* The grade of a score: the first grade (best first) whose minimum it reaches. */
  function gradeFor(score, grades) {
    for (var i = 0; i < grades.length; i++) {
      if (score >= grades[i][1] - 1e-9) return grades[i][0];
    }
    return grades[grades.length - 1][0];
  }

  /* The rules' effects as in the Result (bonus, penalty, grade caps) on a new score before
     rules: clamped to 0-100, the grade lowered to the lowest cap. */
  function withRules(before, data) {
    var score = Math.min(100, Math.max(0, before + data.bonus - data.penalty));
    var order = data.grades.map(function (g) { return g[0]; });
    var grade = gradeFor(score, data.grades);
    data.caps.forEach(function (cap) {
      if (order.indexOf(cap) > order.indexOf(grade)) grade = cap;
    });
    return { score: score, grade: grade };
  }

  /* Saaty's 17 scale values, 1/9 ... 1/2, 1, 2 ... 9: the positions of a judgment's control. */
  var SAATY = [9, 8, 7, 6, 5, 4, 3, 2].map(function (k) { return 1 / k; })
    .concat([1, 2, 3, 4, 5, 6, 7, 8, 9]);

  /* A judgment as the report writes it (evalkit.ahp.scale.format_value): 3, 1/3, 5/2, 0.437. */
  function formatJudgment(v) {
    function whole(x) { return Math.abs(x - Math.round(x)) <= 1e-9 * Math.max(1, x); }
    if (whole(v)) return String(Math.round(v));
    if (v < 1 && whole(1 / v)) return "1/" + Math.round(1 / v);
    for (var d = 2; d <= 9; d++) {
      var n = Math.round(v * d);
      if (n > 0 && Math.abs(n / d - v) <= 1e-9 * Math.abs(v)) return n + "/" + d;
    }
    return String(Number(v.toPrecision(3)));
  }

  /* The eigenvector method on a reciprocal matrix (rows of numbers): the principal right
     eigenvector normalised to sum 1 (power iteration until no weight moves by 1e-13), lambdaMax
     the mean of (A w)_i / w_i, CI = (lambdaMax - n) / (n - 1) and CR = CI / ri, as
     evalkit.ahp.consistency.assess: 0 for n <= 2 and for |CI| <= 1e-12 (rounding noise). */
  function eigen(matrix, ri) {
    var n = matrix.length, w = [], i, j, k;
    function times(v) {
      var out = [];
      for (i = 0; i < n; i++) {
        var sum = 0;
        for (j = 0; j < n; j++) sum += matrix[i][j] * v[j];
        out.push(sum);
      }
      return out;
    }
    for (i = 0; i < n; i++) w.push(1 / n);
    for (k = 0; k < 10000; k++) {
      var next = times(w), total = 0, change = 0;
      next.forEach(function (x) { total += x; });
      for (i = 0; i < n; i++) {
        next[i] /= total;
        change = Math.max(change, Math.abs(next[i] - w[i]));
      }
      w = next;
      if (change < 1e-13) break;
    }
    var product = times(w), lambda = 0;
    for (i = 0; i < n; i++) lambda += product[i] / w[i] / n;
    if (n <= 2) return { weights: w, lambdaMax: n, ci: 0, cr: 0 };
    var ci = (lambda - n) / (n - 1);
    if (Math.abs(ci) <= 1e-12) { ci = 0; lambda = n; }
    return { weights: w, lambdaMax: lambda, ci: ci, cr: ri > 0 ? ci / ri : 0 };
  }

  /* Root weights with criterion `id` set to share v of the sliders' criteria, the others
     keeping their proportions (as the sensitivity ranges assume). shares: id -> share. */
  function moveShare(shares, id, v) {
    var rest = 1 - shares[id], next = {};
    var ids = Object.keys(shares);
    ids.forEach(function (other) {
      if (other === id) next[other] = v;
      else next[other] = rest > 1e-12 ? shares[other] * (1 - v) / rest : (1 - v) / (ids.length - 1);
    });
    return next;
  }

  /* The overall score before rules, after rules and the grade for the given shares of the
     sliders' criteria; local (optional): node -> item -> weight recomputed from moved
     judgments, replacing the configured weights of the node's children in the roll-up. */
  function evaluate(data, shares, local) {
    var weights = {}, scale = 0;
    Object.keys(data.weights).forEach(function (node) {
      weights[node] = Object.assign({}, data.weights[node]);
      var moved = (local || {})[node];
      if (!moved) return;
      Object.keys(weights[node]).forEach(function (child) {
        if (Object.prototype.hasOwnProperty.call(moved, child)) weights[node][child] = moved[child];
      });
    });
    /* the sliders share what the root's weights (after any moved judgment) give them together */
    Object.keys(shares).forEach(function (id) { scale += weights.root[id]; });
    Object.keys(shares).forEach(function (id) { weights.root[id] = shares[id] * scale; });
    var before = rollUp(weights, data.scores, data.missing, data.min_coverage).root;
    if (before === null || before === undefined) return null;
    var after = withRules(before, data);
    return { before: before, score: after.score, grade: after.grade };
  }

  /* Sets up one block: its sliders, its judgments' controls and its Reset button. */
  function init(section) {
    var data = JSON.parse(section.querySelector("script[type='application/json']").textContent);
    var nodes = data.judgments || {};
    var initial = {};
    data.sliders.forEach(function (s) { initial[s.id] = s.weight; });
    var shares, matrices, local;
    var inputs = section.querySelectorAll("input[data-criterion]");
    var pairs = section.querySelectorAll("input[data-node]");
    function start() {
      shares = Object.assign({}, initial);
      matrices = {};
      local = {};
      Object.keys(nodes).forEach(function (node) {
        matrices[node] = nodes[node].matrix.map(function (row) { return row.slice(); });
      });
    }
    function showJudgments() {
      pairs.forEach(function (input) {
        var m = matrices[input.getAttribute("data-node")];
        var v = m[Number(input.getAttribute("data-i"))][Number(input.getAttribute("data-j"))];
        input.value = String(nearest(v));
        input.setAttribute("aria-valuetext", formatJudgment(v)); /* the value, not its position */
        input.parentNode.querySelector("[data-whatif-judgment]").textContent = formatJudgment(v);
      });
      Object.keys(nodes).forEach(function (node) {
        var cr = local[node] ? local[node].cr : nodes[node].cr;
        var box = section.querySelector("[data-whatif-cr=\"" + CSS.escape(node) + "\"]");
        var over = cr > nodes[node].threshold;
        /* a span, not an output: a click on an output in a summary does not open it */
        var value = box.querySelector("[data-whatif-cr-value]");
        value.textContent = cr.toFixed(3);
        value.setAttribute("data-value", String(cr));
        box.querySelector("[data-whatif-over]").hidden = !over;
        box.classList.toggle("whatif-over", over);
      });
    }
    function show() {
      inputs.forEach(function (input) {
        var id = input.getAttribute("data-criterion");
        input.value = String(shares[id]);
        section.querySelector("[data-whatif-weight=\"" + CSS.escape(id) + "\"]").textContent =
          (100 * shares[id]).toFixed(1) + "%";
      });
      var weights = {};
      Object.keys(local).forEach(function (node) { weights[node] = local[node].weights; });
      var found = evaluate(data, shares, weights);
      /* the text rounded as the report prints scores; data-value unrounded, for tools */
      ["score", "before"].forEach(function (key) {
        var out = section.querySelector("[data-whatif-" + key + "]");
        out.textContent = found ? found[key].toFixed(1) : "—";
        out.setAttribute("data-value", found ? String(found[key]) : "");
      });
      section.querySelector("[data-whatif-grade]").textContent = found ? found.grade : "—";
      showJudgments();
    }
    /* a moved judgment: the node's matrix, its weights and CR; the root's moves the sliders */
    function judge(input) {
      var node = input.getAttribute("data-node"), m = matrices[node];
      var i = Number(input.getAttribute("data-i")), j = Number(input.getAttribute("data-j"));
      m[i][j] = SAATY[Number(input.value)];
      m[j][i] = 1 / m[i][j];
      var found = eigen(m, nodes[node].ri), weights = {};
      nodes[node].items.forEach(function (item, k) { weights[item] = found.weights[k]; });
      local[node] = { weights: weights, cr: found.cr };
      if (node === "root") {
        var total = 0;
        Object.keys(shares).forEach(function (id) { total += weights[id]; });
        Object.keys(shares).forEach(function (id) { shares[id] = weights[id] / total; });
      }
      show();
    }
    inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        shares = moveShare(shares, input.getAttribute("data-criterion"), Number(input.value));
        show();
      });
    });
    pairs.forEach(function (input) {
      input.addEventListener("input", function () { judge(input); });
    });
    section.querySelector("[data-whatif-reset]").addEventListener("click", function () {
      start();
      show();
    });
    start();
    show();
  }

  /* The position (0-16) of the scale value nearest to v in ratio terms. */
  function nearest(v) {
    var best = 0;
    SAATY.forEach(function (s, k) {
      if (Math.abs(Math.log(v / s)) < Math.abs(Math.log(v / SAATY[best]))) best = k;
    });
    return best;
  }

  global.evalkitWhatIf = { rollUp: rollUp, gradeFor: gradeFor, withRules: withRules,
                           moveShare: moveShare, evaluate: evaluate, eigen: eigen,
                           formatJudgment: formatJudgment, init: init };
  if (global.document) {
    global.document.querySelectorAll("[data-whatif]").forEach(init);
  }
})(this);
