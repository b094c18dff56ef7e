// Page SDK demo, shared by every page of the shop. It is loaded before the async widget loader, so the
// lcw:ready listener is in place whenever the loader runs; talk to window.Beckon only once it says it is ready.
window.addEventListener('lcw:ready', () =>
  Beckon.setContextProvider(() => ({
    plan: { value: 'Pro trial', isDisplayable: true },
    cartValue: { value: 49, isDisplayable: true },
    internalScore: { value: 7, isDisplayable: false },
  })),
);
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-beckon]') : null;
  if (!button || !window.Beckon) return;
  if (button.dataset.beckon === 'chat') Beckon.startChat();
  if (button.dataset.beckon === 'proactive') {
    Beckon.startProactiveChat({ message: 'Hi! Have any questions? I am here to help.' }, false);
  }
});
