export function replaceAddress(url) {
  history.replaceState(history.state, '', new URL(url, document.baseURI));
}
