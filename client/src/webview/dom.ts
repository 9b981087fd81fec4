/**
 * A tiny element builder. Text always goes through text nodes, never
 * innerHTML, so manifest content (label values, names) can never inject markup.
 */
type Child = Node | string | number | null | undefined | false;

export function h(
  tag: string,
  attributes: Record<string, string | number | boolean | undefined> = {},
  ...children: Array<Child | Child[]>
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return element;
}
