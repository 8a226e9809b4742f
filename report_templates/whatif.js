/* What-if weights (evalkit): move a top-level criterion's weight and see the overall score and
   grade recomputed from the Result's metric scores. No server, no network. The formula is the
   roll-up of evalkit.scoring.rollup, described in docs/diff.md ("What-if"). */
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

  /* The overall score before rules, after rules and the grade for the given shares. */
  function evaluate(data, shares) {
    var weights = {}, scale = 0;
    Object.keys(data.weights).forEach(function (node) {
      weights[node] = Object.assign({}, data.weights[node]);
    });
    Object.keys(shares).forEach(function (id) { scale += data.weights.root[id]; });
    Object.keys(shares).forEach(function (id) { weights.root[id] = shares[id] * scale; });
    var before = rollUp(weights, data.scores, data.missing, data.min_coverage).root;
    if (before === null || before === undefined) return null;
    var after = withRules(before, data);
    return { before: before, score: after.score, grade: after.grade };
  }

  function init(section) {
    var data = JSON.parse(section.querySelector("script[type='application/json']").textContent);
    var initial = {};
    data.sliders.forEach(function (s) { initial[s.id] = s.weight; });
    var shares = Object.assign({}, initial);
    var inputs = section.querySelectorAll("input[type=range]");
    function show() {
      inputs.forEach(function (input) {
        var id = input.getAttribute("data-criterion");
        input.value = String(shares[id]);
        section.querySelector("[data-whatif-weight='" + id + "']").textContent =
          (100 * shares[id]).toFixed(1) + "%";
      });
      var found = evaluate(data, shares);
      /* the text rounded as the report prints scores; data-value unrounded, for tools */
      ["score", "before"].forEach(function (key) {
        var out = section.querySelector("[data-whatif-" + key + "]");
        out.textContent = found ? found[key].toFixed(1) : "—";
        out.setAttribute("data-value", found ? String(found[key]) : "");
      });
      section.querySelector("[data-whatif-grade]").textContent = found ? found.grade : "—";
    }
    inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        shares = moveShare(shares, input.getAttribute("data-criterion"), Number(input.value));
        show();
      });
    });
    section.querySelector("[data-whatif-reset]").addEventListener("click", function () {
      shares = Object.assign({}, initial);
      show();
    });
    show();
  }

  global.evalkitWhatIf = { rollUp: rollUp, gradeFor: gradeFor, withRules: withRules,
                           moveShare: moveShare, evaluate: evaluate, init: init };
  if (global.document) {
    global.document.querySelectorAll("[data-whatif]").forEach(init);
  }
})(this);
