/* What-if weights: the overall score and grade recomputed in the page from a Result's metric
   scores when a reader moves a top-level criterion's weight. The roll-up is evalkit's (see
   docs/diff.md, "What-if"): each node's score is the weighted mean of its children that have a
   score, the weights renormalised over those children; a child without a score counts as 0
   under scoring.missing "zero". The moved criterion takes the slider's weight and its siblings
   share the rest in their original proportions, as the sensitivity ranges assume. Rules are
   not re-applied. No network, no dependencies. */
(function () {
  "use strict";

  /** The score of `node` under `weights` (child id → local weight): a number, null for no
      score, undefined when nothing under it is scored. */
  function rollUp(model, weights, node) {
    var children = model.nodes[node];
    if (!children) {
      if (!Object.prototype.hasOwnProperty.call(model.scores, node)) return undefined;
      return model.scores[node];
    }
    var total = 0, counted = 0, any = false;
    children.forEach(function (child) {
      if (!Object.prototype.hasOwnProperty.call(weights, child)) return;
      var score = rollUp(model, weights, child);
      if (score === undefined) return;
      any = true;
      if (score === null) {
        if (model.missing !== "zero") return;
        score = 0;
      }
      total += weights[child] * score;
      counted += weights[child];
    });
    if (!any) return undefined;
    return counted > 0 ? total / counted : null;
  }

  /** The grade of `score`: the first band whose minimum it reaches (bands highest first). */
  function grade(model, score) {
    for (var i = 0; i < model.grades.length; i++) {
      if (score >= model.grades[i][1] - 1e-9) return model.grades[i][0];
    }
    return model.grades[model.grades.length - 1][0];
  }

  /** The local weights with top-level criterion `moved` set to `value`, its siblings scaled to
      share 1 − value in their original proportions. */
  function reweighted(model, moved, value) {
    var weights = Object.assign({}, model.weights);
    var others = 0;
    model.nodes.root.forEach(function (c) {
      if (c !== moved && c in weights) others += weights[c];
    });
    model.nodes.root.forEach(function (c) {
      if (!(c in weights)) return;
      if (c === moved) weights[c] = value;
      else weights[c] = others > 0 ? (weights[c] * (1 - value)) / others : 0;
    });
    return weights;
  }

  function setUp(box) {
    var model = JSON.parse(box.querySelector("script[type='application/json']").textContent);
    var weights = Object.assign({}, model.weights);
    var sliders = box.querySelectorAll("input[data-whatif-criterion]");
    var scoreOut = box.querySelector("[data-whatif-score]");
    var gradeOut = box.querySelector("[data-whatif-grade]");
    function show() {
      var score = rollUp(model, weights, "root");
      scoreOut.textContent = score == null ? "—" : score.toFixed(1);
      scoreOut.setAttribute("data-value", score == null ? "" : String(score));
      gradeOut.textContent = score == null ? "—" : grade(model, score);
      sliders.forEach(function (s) {
        var w = weights[s.getAttribute("data-whatif-criterion")];
        s.value = String(w);
        var out = box.querySelector("[data-whatif-weight='" + s.id + "']");
        if (out) out.textContent = (w * 100).toFixed(1) + "%";
      });
    }
    sliders.forEach(function (slider) {
      slider.addEventListener("input", function () {
        weights = reweighted(model, slider.getAttribute("data-whatif-criterion"),
          Number(slider.value));
        show();
      });
    });
    var reset = box.querySelector("[data-whatif-reset]");
    if (reset) {
      reset.addEventListener("click", function () {
        weights = Object.assign({}, model.weights);
        show();
      });
    }
    show();
  }

  document.querySelectorAll("[data-whatif]").forEach(setUp);
})();
