/**
 * The "本周就做" checklist at the end of every lesson. Markdown task lists (`- [ ] …`) render as disabled
 * checkboxes with bare text beside them; here each item becomes a real, labelled checkbox whose ticks are
 * kept on this device (localStorage, per lesson). Ticks are a personal to-do list, not learning progress,
 * so they never go to the server.
 */
const PREFIX = 'qa.checklist.v1:';

function load(key: string): string[] {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function save(key: string, ticked: string[]) {
  try {
    localStorage.setItem(key, JSON.stringify(ticked));
  } catch {
    /* private mode or full storage: the tick still shows until the page is left */
  }
}

/** Items are identified by their text, so a tick survives an author inserting a new item above it. */
const itemId = (li: HTMLElement) => (li.textContent ?? '').replace(/\s+/g, ' ').trim();

export function enhanceChecklists(root: ParentNode, lessonId: string) {
  const key = PREFIX + lessonId;
  const ticked = new Set(load(key));
  root.querySelectorAll<HTMLUListElement>('ul.contains-task-list').forEach((list, listIndex) => {
    list.classList.add('checklist');
    list.querySelectorAll<HTMLLIElement>(':scope > li.task-list-item').forEach((li, i) => {
      const box = li.querySelector<HTMLInputElement>(':scope > input[type="checkbox"]');
      if (!box || li.querySelector(':scope > label')) return;
      const id = itemId(li);
      // Everything after the checkbox goes into a <label>, so tapping the text ticks it too.
      const label = document.createElement('label');
      label.htmlFor = box.id = `check-${listIndex}-${i}`;
      while (box.nextSibling) label.appendChild(box.nextSibling);
      li.appendChild(label);
      box.disabled = false;
      box.checked = ticked.has(id);
      li.classList.toggle('is-done', box.checked);
      box.addEventListener('change', () => {
        if (box.checked) ticked.add(id);
        else ticked.delete(id);
        li.classList.toggle('is-done', box.checked);
        save(key, [...ticked]);
      });
    });
  });
}
