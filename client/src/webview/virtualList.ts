/**
 * A virtualized, keyboard-navigable list: only the rows in view (plus a
 * margin) are in the DOM, so 5,000 nodes scroll as smoothly as 5. Rows have
 * one fixed height; the active row is announced through
 * aria-activedescendant.
 */
import { h } from './dom';

export interface VirtualListOptions<T> {
  rowHeight: number;
  label: string;
  /** Builds one row. It is positioned by the list; ids and roles are set by the list too. */
  renderRow(item: T, index: number): HTMLElement;
  /** Enter, or a click on a row. */
  onActivate?(item: T, index: number): void;
  /** Whether keyboard navigation may land on the item (group headers may not). */
  isNavigable?(item: T): boolean;
}

const OVERSCAN = 8;
/** Rows rendered when the list has no layout yet (hidden panel, first paint). */
const FALLBACK_VISIBLE = 40;

let listCounter = 0;

export class VirtualList<T> {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly idPrefix = `vl${++listCounter}-`;
  private items: readonly T[] = [];
  private active = -1;
  private frame = 0;

  constructor(private readonly options: VirtualListOptions<T>) {
    this.spacer = h('div', { class: 'vl-spacer' });
    this.element = h('div', { class: 'vl', role: 'listbox', tabindex: 0, 'aria-label': options.label }, this.spacer);
    this.element.addEventListener('scroll', () => this.schedule());
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (!row || (event.target as HTMLElement).closest('button, input, select, a')) return;
      const index = Number(row.dataset.index);
      this.setActive(index, false);
      this.options.onActivate?.(this.items[index], index);
    });
  }

  get length(): number {
    return this.items.length;
  }

  setItems(items: readonly T[]): void {
    this.items = items;
    if (this.active >= items.length) this.active = -1;
    this.spacer.style.height = `${items.length * this.options.rowHeight}px`;
    // As tall as the rows, up to the CSS max-height: a four-node cluster needs no empty scroller.
    this.element.style.height = `${Math.max(2, items.length) * this.options.rowHeight + 2}px`;
    this.render();
  }

  /** Scrolls so the item is in view, without moving focus. */
  reveal(index: number): void {
    const top = index * this.options.rowHeight;
    const height = this.element.clientHeight || FALLBACK_VISIBLE * this.options.rowHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + this.options.rowHeight > this.element.scrollTop + height) this.element.scrollTop = top + this.options.rowHeight - height;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render(): void {
    const { rowHeight } = this.options;
    const height = this.element.clientHeight || FALLBACK_VISIBLE * rowHeight;
    const first = Math.max(0, Math.floor(this.element.scrollTop / rowHeight) - OVERSCAN);
    const last = Math.min(this.items.length, Math.ceil((this.element.scrollTop + height) / rowHeight) + OVERSCAN);
    const rows: HTMLElement[] = [];
    for (let index = first; index < last; index++) {
      const row = this.options.renderRow(this.items[index], index);
      row.id = `${this.idPrefix}${index}`;
      row.dataset.index = String(index);
      row.style.transform = `translateY(${index * rowHeight}px)`;
      row.style.height = `${rowHeight}px`;
      row.classList.add('vl-row');
      if (!row.getAttribute('role')) row.setAttribute('role', 'option');
      if (index === this.active) row.classList.add('active');
      row.setAttribute('aria-selected', index === this.active ? 'true' : 'false');
      row.setAttribute('aria-setsize', String(this.items.length));
      row.setAttribute('aria-posinset', String(index + 1));
      rows.push(row);
    }
    this.spacer.replaceChildren(...rows);
    if (this.active >= first && this.active < last) this.element.setAttribute('aria-activedescendant', `${this.idPrefix}${this.active}`);
    else this.element.removeAttribute('aria-activedescendant');
  }

  private navigable(index: number): boolean {
    return index >= 0 && index < this.items.length && (this.options.isNavigable?.(this.items[index]) ?? true);
  }

  private setActive(index: number, reveal = true): void {
    this.active = index;
    if (reveal) this.reveal(index);
    this.render();
  }

  private move(from: number, step: number): void {
    let index = from;
    for (let tries = 0; tries < this.items.length; tries++) {
      index += step;
      if (index < 0 || index >= this.items.length) return;
      if (this.navigable(index)) {
        this.setActive(index);
        return;
      }
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.target !== this.element) return;
    const page = Math.max(1, Math.floor((this.element.clientHeight || 400) / this.options.rowHeight) - 1);
    switch (event.key) {
      case 'ArrowDown':
        this.move(this.active, 1);
        break;
      case 'ArrowUp':
        this.move(this.active < 0 ? this.items.length : this.active, -1);
        break;
      case 'PageDown':
        this.move(Math.min(this.items.length - 1, Math.max(this.active, 0) + page) - 1, 1);
        break;
      case 'PageUp':
        this.move(Math.max(0, this.active - page) + 1, -1);
        break;
      case 'Home':
        this.move(-1, 1);
        break;
      case 'End':
        this.move(this.items.length, -1);
        break;
      case 'Enter':
      case ' ':
        if (this.navigable(this.active)) this.options.onActivate?.(this.items[this.active], this.active);
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}
