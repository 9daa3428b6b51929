// A type-to-narrow box above each long occupation list (436 ISCO groups): type "spaw" or "звар"
// and only the matching occupations stay. Without JavaScript the plain list works as before.
(function () {
  "use strict";
  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  document.querySelectorAll("select[data-filter]").forEach(function (select) {
    var all = Array.prototype.map.call(select.options, function (option) {
      return { value: option.value, text: option.text, key: fold(option.text) };
    });
    var box = document.createElement("div");
    box.className = "filter-box";
    var label = document.createElement("label");
    label.htmlFor = select.id + "-filter";
    label.className = "hint";
    label.textContent = select.dataset.filter;
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "-filter";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", select.id);
    box.append(label, input);
    select.before(box);
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var chosen = select.value;
      var kept = all.filter(function (option) {
        return option.value === "" || option.value === chosen || words.every(function (word) {
          return option.key.indexOf(word) !== -1;
        });
      });
      // Options are rebuilt, not hidden: phones' native pickers ignore hidden options.
      select.replaceChildren.apply(select, kept.map(function (option) {
        return new Option(option.text, option.value, false, option.value === chosen);
      }));
    });
  });
})();
