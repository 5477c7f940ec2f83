// Follows the running job: asks /auftrag.json, swaps the progress box, reloads at the end.
(function () {
  "use strict";
  var box = document.querySelector("[data-auftrag]");
  if (!box || box.dataset.laeuft !== "ja") {
    return;
  }
  var content = box.querySelector("[data-fortschritt]");
  var every = 700;

  function follow() {
    fetch("/auftrag.json", { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (answer) {
        if (!answer.ok) {
          throw new Error(String(answer.status));
        }
        return answer.json();
      })
      .then(function (job) {
        if (job.id !== box.dataset.auftrag || !job.laeuft) {
          window.location.reload();
          return;
        }
        content.innerHTML = job.html;
        window.setTimeout(follow, every);
      })
      .catch(function () {
        window.setTimeout(follow, every * 3);
      });
  }

  window.setTimeout(follow, every);
})();
