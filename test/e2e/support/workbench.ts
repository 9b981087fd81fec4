/**
 * Drives a real VS Code workbench (code-server) in headless Chromium with
 * playwright-core. Waits poll a condition (the DOM, a file) with no deadline
 * of their own: playwright's default timeout is 0 (none) here, so a test
 * whose condition never comes is ended by the test runner's --test-timeout
 * and no machine's speed decides a result. There are no fixed sleeps.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { waitFor } from '../../support/waitFor';

export interface WorkbenchOptions {
  executablePath: string;
  screenshotsDir: string;
}

const LOOPBACK = /^(https?|wss?):\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//;

/**
 * Polls (of 250 ms) with neither the awaited widget nor a refusal on screen after which a key is
 * taken as lost and pressed again. Long enough for a slow server's answer not to be cut short by
 * a new request; a retry only, never a result.
 */
const LOST_KEY_POLLS = 12;

export class Workbench {
  readonly blockedRequests: string[] = [];
  readonly consoleErrors: string[] = [];
  private shot = 0;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly profileDir: string,
    private readonly options: WorkbenchOptions,
  ) {}

  static async launch(options: WorkbenchOptions): Promise<Workbench> {
    const profileDir = mkdtempSync(join(tmpdir(), 'daemonset-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: options.executablePath,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
      ],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: join(profileDir, 'xdg-config'),
        XDG_CACHE_HOME: join(profileDir, 'xdg-cache'),
      },
    });
    // No deadline on any playwright wait, action or navigation: see the header.
    context.setDefaultTimeout(0);
    mkdirSync(options.screenshotsDir, { recursive: true });
    const page = context.pages()[0] ?? (await context.newPage());
    const workbench = new Workbench(context, page, profileDir, options);
    // Tests never touch the network: anything not on loopback is aborted and reported.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (LOOPBACK.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      workbench.blockedRequests.push(url);
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') workbench.consoleErrors.push(message.text());
    });
    return workbench;
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'domcontentloaded' });
    await this.page.locator('.monaco-workbench').waitFor();
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
  }

  async screenshot(name: string): Promise<string> {
    this.shot += 1;
    const file = join(this.options.screenshotsDir, `${String(this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Presses a key that opens the quick input until it shows: a key pressed
   * while focus is still moving (into a webview, out of a hover) can be lost
   * (CI once hung on a Ctrl+P that opened nothing). Pressed again while open,
   * it only moves the selection, which the caller's typing resets.
   */
  private async openQuickInput(key: string): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await waitFor(async () => {
      if (await input.isVisible()) return true;
      await this.page.keyboard.press(key);
      return false;
    }, 250);
    return input;
  }

  /** Opens a file with Quick Open (Ctrl+P) and waits for its tab to be active. */
  async openFile(relativePath: string): Promise<void> {
    const base = relativePath.split('/').pop() as string;
    const input = await this.openQuickInput('Control+P');
    await input.fill(relativePath);
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: base }).first();
    await row.waitFor();
    await input.press('Enter');
    await this.page.locator(`.tabs-container .tab.active[data-resource-name="${base}"]`).waitFor();
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
  }

  /**
   * Focuses the first editor group (the files) by its active tab, so Quick
   * Open opens a file there and not over a panel beside it (the preview
   * keeps no context when hidden).
   */
  async focusFirstEditorGroup(): Promise<void> {
    await this.page.locator('.editor-group-container').first().locator('.tabs-container .tab.active').click();
  }

  /** Runs a command from the palette by its title, e.g. "DaemonSet: Open Placement Preview". */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title })
      .first();
    // The palette lists the commands known when it opened: right after the workbench loads, the
    // extension's may not be there yet (CI once saw only "Developer: Import Log…"), and the open
    // list never updates. So reopen it until the command is listed.
    await waitFor(async () => {
      await this.openQuickInput('Control+Shift+P');
      await input.fill(`>${title}`);
      if (await row.isVisible()) return true;
      await input.press('Escape');
      return false;
    }, 250);
    await input.press('Enter');
  }

  /** Opens the Problems panel and waits for a row whose text contains `text`. */
  async waitForProblem(text: string): Promise<string> {
    await this.page.locator('.squiggly-error, .squiggly-warning').first().waitFor();
    const panel = this.page.locator('.markers-panel');
    await waitFor(async () => {
      if (await panel.isVisible()) return true;
      await this.page.keyboard.press('Control+Shift+M');
      return false;
    }, 250);
    const row = this.page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
    await row.waitFor();
    return (await row.getAttribute('aria-label')) ?? (await row.innerText());
  }

  /** Editor lines in document order (the DOM order is not line order). */
  private async lineElement(lineNumber: number) {
    const lines = this.page.locator('.editor-instance .monaco-editor .view-lines .view-line');
    const tops = await lines.evaluateAll((elements) =>
      elements.map((element, index) => ({ index, top: parseFloat((element as HTMLElement).style.top) })),
    );
    tops.sort((a, b) => a.top - b.top);
    const entry = tops[lineNumber - 1];
    if (!entry) throw new Error(`line ${lineNumber} is not rendered`);
    return lines.nth(entry.index);
  }

  /** Waits for a code lens of the active editor whose text matches `text`. */
  async waitForCodeLens(text: RegExp): Promise<string> {
    const lens = this.page.locator('.editor-group-container.active .monaco-editor .codelens-decoration', { hasText: text }).first();
    await lens.waitFor();
    return lens.innerText();
  }

  /**
   * Waits until the language server has the active editor's document: its
   * diagnostics show as squiggles. By then the client runs and its providers
   * (hover, completion, code actions) are registered, so one request is answered.
   */
  async waitForServedDocument(): Promise<void> {
    await this.page.locator('.editor-group-container.active .monaco-editor').locator('.squiggly-error, .squiggly-warning, .squiggly-info').first().waitFor();
  }

  /**
   * Puts the cursor at a 1-based line and column with Go to Line (Ctrl+G), pressed until its
   * input shows: like Ctrl+P, a Ctrl+G pressed while focus moves (out of a code lens or a
   * hover) can be lost, and a fresh-clone CI run hung 240 s waiting for its input.
   */
  async goToLine(line: number, column: number): Promise<void> {
    const input = await this.openQuickInput('Control+G');
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await this.waitForCursor(line, column);
  }

  /** Waits until the status bar shows the cursor at a 1-based line and column. */
  async waitForCursor(line: number, column: number): Promise<void> {
    await this.page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col ${column}\\b`) }).first().waitFor();
  }

  /**
   * Runs `trigger` until `shown` appears. When the editor says instead that
   * there is nothing to show (`refused`, e.g. "No suggestions."), that answer
   * is dismissed and the trigger runs again. When neither shows for a while,
   * the key was lost (pressed while focus moved; CI hung on such a key) and
   * the trigger runs again: a retry, never a deadline, so no machine's speed
   * decides the result.
   */
  async untilShown(trigger: () => Promise<void>, shown: Locator, refused: Locator): Promise<void> {
    await trigger();
    let polls = 0;
    await waitFor(async () => {
      if (await shown.isVisible()) return true;
      if (await refused.isVisible()) {
        await this.page.keyboard.press('Escape');
        await refused.waitFor({ state: 'hidden' });
        polls = 0;
        await trigger();
      } else if (++polls % LOST_KEY_POLLS === 0) {
        await trigger();
      }
      return false;
    }, 250);
  }

  /**
   * Saves the active editor (Ctrl+S) until `saved` holds for the file on disk: a lost Ctrl+S
   * would leave the test polling a file that never changes. Saving again is harmless.
   */
  async saveUntil<T>(saved: () => T | undefined | false): Promise<T> {
    let polls = 0;
    await this.page.keyboard.press('Control+S');
    return waitFor(async () => {
      const value = saved();
      if (value !== undefined && value !== false) return value;
      if (++polls % LOST_KEY_POLLS === 0) await this.page.keyboard.press('Control+S');
      return false;
    }, 250);
  }

  /** Hovers the first word of a 1-based line and returns the text of the hover that contains `expected`. */
  async hover(lineNumber: number, expected: string): Promise<string> {
    const line = await this.lineElement(lineNumber);
    const token = line.locator('span span').filter({ hasText: /\S/ }).first();
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: expected }).first();
    // Away and back, so the move over the token starts a new hover.
    await this.page.mouse.move(5, 5);
    await token.hover();
    await hover.waitFor();
    return hover.innerText();
  }

  /** Text of the first webview frame whose body contains `text`. */
  async waitForWebviewText(text: string): Promise<{ frame: Frame; body: string }> {
    return waitFor(async () => {
      for (const frame of this.page.frames()) {
        if (!frame.url().includes('/webview/')) continue;
        try {
          const body = await frame.evaluate(() => document.body?.innerText ?? '');
          if (body.includes(text)) return { frame, body };
        } catch {
          // frame navigated or detached while reading
        }
      }
      return undefined;
    }, 100);
  }

  /**
   * What a failed (or timed-out) test left on screen, for the log: a
   * screenshot and the texts of the notifications, the quick input and the
   * active editor's lenses. A hang in CI then says where it hung. The
   * screenshot's bound only keeps a hung page from hiding this report; it
   * decides no result.
   */
  async recordFailure(testName: string): Promise<string> {
    const lines = [`e2e state after "${testName}" failed:`];
    try {
      const file = join(this.options.screenshotsDir, `failed-${testName.replace(/[^\w-]+/g, '-').slice(0, 80)}.png`);
      await this.page.screenshot({ path: file, timeout: 30_000 });
      lines.push(`  screenshot: ${file}`);
      const texts = async (selector: string) => (await this.page.locator(selector).allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);
      for (const [label, selector] of [
        ['notifications', '.notifications-toasts .notification-list-item-message'],
        ['quick input', '.quick-input-widget:visible .quick-input-title, .quick-input-widget:visible .monaco-list-row'],
        ['code lenses', '.editor-group-container.active .codelens-decoration'],
        ['active tab', '.tabs-container .tab.active'],
      ] as const) {
        lines.push(`  ${label}: ${JSON.stringify(await texts(selector))}`);
      }
    } catch (error) {
      lines.push(`  (could not read the page: ${error instanceof Error ? error.message : String(error)})`);
    }
    return lines.join('\n');
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}
