// Keeps Tab and Shift+Tab inside the open dialog (WCAG 2.1.2, 2.4.3), in the browser itself.
// MudDialog's MudFocusTrap sends focus back from its edge elements through a server round trip, so a quick
// second Tab (or a slow connection) escapes to the page behind the dialog before the circuit answers.
(() => {
    const focusable = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';

    function isTabbable(element) {
        if (element.disabled || element.tabIndex < 0 || element.closest('[inert], [aria-hidden=true]')) {
            return false;
        }

        // MudFocusTrap's own edge elements (direct children of its root) only exist to catch Tab.
        if (element.parentElement?.classList.contains('mud-focus-trap')) {
            return false;
        }

        if (element.type === 'radio' && !element.checked) {
            // One stop per radio group: its checked button, else its first.
            const radios = Array.from(document.querySelectorAll(`input[type=radio][name="${CSS.escape(element.name)}"]`));
            if (radios.some(r => r.checked) || radios[0] !== element) {
                return false;
            }
        }

        return element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
    }

    document.addEventListener('keydown', event => {
        if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }

        const containers = document.querySelectorAll('.mud-dialog-container');
        const dialog = containers[containers.length - 1]?.querySelector('.mud-dialog');
        const active = document.activeElement;
        // A list opened from a field of the dialog (rendered outside it) handles its own keys.
        if (!dialog || active?.closest('.mud-popover')) {
            return;
        }

        const stops = Array.from(dialog.querySelectorAll(focusable)).filter(isTabbable);
        event.preventDefault();
        if (stops.length === 0) {
            return;
        }

        const index = stops.indexOf(active);
        const next = index < 0
            ? (event.shiftKey ? stops.length - 1 : 0)
            : (index + (event.shiftKey ? -1 : 1) + stops.length) % stops.length;
        stops[next].focus();
    }, true);
})();
