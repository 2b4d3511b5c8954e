// Sorting and filtering of the briefing's tables, in the page and offline. The page's security policy allows
// this script by its hash alone (tests/test_render.py checks the hash), and nothing is fetched.
document.addEventListener("DOMContentLoaded", function () {
  function value(row, index) {
    var cell = row.cells[index];
    var text = cell ? cell.textContent.trim() : "";
    if (/^[-+\u2212]?[\d.,]+%?$/.test(text)) {
      return parseFloat(text.replace(/[,%+]/g, "").replace("\u2212", "-"));
    }
    return text.toLowerCase();
  }
  document.querySelectorAll("table.briefing-table").forEach(function (table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < 2 || !table.tHead) {
      return;
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      header.classList.add("sortable");
      header.title = "Sort by this column";
      header.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(header.parentNode.cells, function (other) {
          other.removeAttribute("aria-sort");
        });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = value(a, index);
          var y = value(b, index);
          if (typeof x !== typeof y) {
            x = String(x);
            y = String(y);
          }
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) {
          body.appendChild(row);
        });
      });
    });
    if (body.rows.length > 6) {
      var filter = document.createElement("input");
      filter.type = "search";
      filter.placeholder = "Filter rows";
      filter.className = "table-filter";
      filter.addEventListener("input", function () {
        var words = filter.value.toLowerCase();
        Array.prototype.forEach.call(body.rows, function (row) {
          row.hidden = words !== "" && row.textContent.toLowerCase().indexOf(words) < 0;
        });
      });
      table.parentNode.insertBefore(filter, table);
    }
  });
});
