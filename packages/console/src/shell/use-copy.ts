import { useState } from 'react';

/**
 * Copying a text to the clipboard, for the screens that hand something over (the embed line, a new API token):
 * when the browser refuses the clipboard, `select` selects the text so the keyboard can copy it by hand.
 */
export function useCopy(text: string, select: () => void) {
  const [copied, setCopied] = useState<'yes' | 'no'>();
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      select();
      setCopied('no');
    }
  }
  return { copied, copy };
}
