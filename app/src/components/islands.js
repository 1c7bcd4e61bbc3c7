// Hydrates the page's islands (leptos-island elements), loading the wasm only when there is one.
(js, wasm) => {
  const live = () => document.body.setAttribute('data-hydrated', '');
  const start = async () => {
    const islands = document.querySelectorAll('leptos-island');
    if (islands.length === 0) return live();
    const mod = await import(js);
    await mod.default({ module_or_path: wasm });
    mod.hydrate();
    for (const el of islands) {
      const hydrate = mod[el.dataset.component];
      if (!hydrate) {
        console.warn(`No wasm function for the island ${el.dataset.component}.`);
        continue;
      }
      // An island inside another's children gets the outer island's context first.
      const children = el.parentElement && el.parentElement.closest('leptos-children');
      if (children && children.$$on_hydrate) children.$$on_hydrate();
      await hydrate(el);
    }
    live();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
