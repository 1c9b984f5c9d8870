/** A one-button form that posts to `action` (revoke, open, close…); `confirm` asks first where the page's script allows. */
export function PostButton(p: { action: string; label: string; confirm?: string }) {
  return (
    <form method="post" action={p.action} data-confirm={p.confirm}>
      <button type="submit" class="btn alt">
        {p.label}
      </button>
    </form>
  );
}
