// oncell-bench: safe xss
export function showResults() {
  const params = new URLSearchParams(location.search);
  const term = params.get('q');
  document.getElementById('title').textContent = 'Results for ' + term;
}
