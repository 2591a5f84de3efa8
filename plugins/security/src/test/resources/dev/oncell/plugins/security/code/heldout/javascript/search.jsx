// oncell-bench: vulnerable xss
export function showResults() {
  const params = new URLSearchParams(location.search);
  const term = params.get('q');
  document.getElementById('title').innerHTML = 'Results for ' + term;
}
