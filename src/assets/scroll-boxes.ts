/**
 * Code blocks and tables sit in boxes that scroll sideways, focusable so a
 * keyboard can scroll them (scripts/lib/content/markdown.ts). A box whose
 * content fits has nothing to scroll, and its focus would be a tab stop that
 * does nothing: it is taken away while the content fits, and given back when
 * the box or its content changes width (a narrower window, a font that
 * loads). Without this script every box keeps its focus.
 */
export function focusOnlyBoxesThatScroll(root: ParentNode): void {
  const boxes = [...root.querySelectorAll<HTMLElement>(".scroll-box")];
  if (boxes.length === 0) return;
  const measure = (box: HTMLElement) => {
    if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
    else if (document.activeElement !== box) box.removeAttribute("tabindex");
  };
  const observer = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      const box = target.closest<HTMLElement>(".scroll-box");
      if (box) measure(box);
    }
  });
  for (const box of boxes) {
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
  }
}
