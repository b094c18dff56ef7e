import type { InvitationView } from '@beckon/protocol';

/**
 * The invitation's look, added to the loader's plain bubble once the pane chunk is there (the loader has no bytes
 * to spare): the name it speaks as and its avatar above the text, the text as a speech bubble, the widget's colour
 * along the top and the close × in the corner.
 */
export const invitationLookCss = `.i{position:relative;border-top:4px solid var(--a)}
.ih{display:flex;align-items:center;gap:8px;margin:0 28px 8px 0;font-weight:600}
.ih img{width:32px;height:32px;border-radius:50%;object-fit:cover}
.i p{padding:8px 11px;border-radius:14px;background:#f0f2f5}
.i .x{position:absolute;top:6px;right:6px;border:0;background:none;font-size:20px;line-height:1;padding:2px 8px;color:#57606a}`;

export function dressInvitation(bubble: HTMLElement, invitation: InvitationView): void {
  const root = bubble.getRootNode() as ShadowRoot | Document;
  if (!root.querySelector('style[data-look]')) {
    const style = document.createElement('style');
    style.dataset.look = '';
    style.textContent = invitationLookCss;
    bubble.before(style);
  }
  let head = bubble.querySelector<HTMLElement>('.ih');
  if (!head) {
    head = document.createElement('div');
    head.className = 'ih';
    head.dataset.testid = 'beckon-invitation-author';
    bubble.prepend(head);
  }
  const author = invitation.author;
  head.replaceChildren();
  head.hidden = !author;
  if (!author) return;
  if (author.avatarUrl) {
    const avatar = document.createElement('img');
    avatar.alt = '';
    avatar.src = author.avatarUrl;
    head.append(avatar);
  }
  head.append(author.name);
}
