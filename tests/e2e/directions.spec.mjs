// Directions and stages: a template, a new stage with a task seen on a card, a reorder the
// board follows, a stage deleted with its deals moved, archive and restore.
import { test, expect, open, start } from './helpers.mjs';

const shots = 'tests/e2e/screenshots';
test.use({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });

const boardColumns = (page) => page.locator('.column .column-title').allTextContents();

test('directions and stages change while every deal is kept', async ({ page }) => {
  await open(page, 'directions');
  await page.reload();
  await start(page, 'blank');
  await page.click('.nav-link[data-view=directions]');

  await page.click('[data-template=b2c-repeat]');
  const details = page.getByTestId('direction-details');
  await expect(details.getByTestId('direction-name')).toHaveValue('B2C Repeat clients');
  // A refused name says why (not always "already exists") and the old name comes back.
  await details.getByTestId('direction-name').fill(' ');
  await details.getByTestId('direction-name').press('Enter');
  await expect(page.getByTestId('directions-error')).toHaveText('Enter a name');
  await expect(details.getByTestId('direction-name')).toHaveValue('B2C Repeat clients');
  const editor = page.getByTestId('stage-editor');
  await expect(editor.locator('.stage-name')).toHaveText(['Commercial offer', 'Payment', 'Delivery', 'NPS survey', 'Won', 'Lost']);

  // A new stage with its task.
  await editor.locator('[data-action=add-stage]').click();
  const form = editor.getByTestId('stage-form');
  await form.getByTestId('stage-name').fill('Follow-up call');
  await form.getByTestId('task-title').fill('Call the client back');
  await form.getByTestId('task-checklist').fill('Ask about delivery\nOffer a discount');
  await form.getByTestId('task-due').fill('2');
  await form.locator('[data-action=save-stage]').click();
  await expect(editor.locator('.stage-name')).toHaveText(['Commercial offer', 'Payment', 'Delivery', 'NPS survey', 'Follow-up call', 'Won', 'Lost']);
  await page.screenshot({ path: `${shots}/directions-en.png`, fullPage: true });

  // A deal moved into it shows the task on its card.
  await page.click('.nav-link[data-view=board]');
  await page.locator('.column').nth(0).locator('[data-action=add-deal]').click();
  await page.getByTestId('deal-editor').getByTestId('title').fill('Chairs');
  await page.getByTestId('deal-editor').getByTestId('amount').fill('700');
  await page.locator('[data-action=save-deal]').click();
  const card = page.locator('.deal-card', { hasText: 'Chairs' });
  await card.locator('[data-action=move-to]').click();
  await page.getByTestId('move-stage').selectOption({ label: 'Follow-up call' });
  await page.locator('[data-action=do-move]').click();
  await page.getByTestId('confirm-task').locator('[data-action=confirm-move]').click();
  await expect(page.locator('.column', { hasText: 'Follow-up call' }).locator('.deal-task')).toContainText('Call the client back');
  await expect(page.locator('.column', { hasText: 'Follow-up call' }).locator('.deal-task')).toContainText('0/2');

  // The stage's task renamed changes no deal, yet the card drawn again shows the new task.
  await page.click('.nav-link[data-view=directions]');
  await editor.locator('.stage-item', { hasText: 'Follow-up call' }).locator('[data-action=edit-stage]').click();
  await form.getByTestId('task-title').fill('Send the contract');
  await form.locator('[data-action=save-stage]').click();
  await page.click('.nav-link[data-view=board]');
  await expect(page.locator('.column', { hasText: 'Follow-up call' }).locator('.deal-task-title')).toHaveText('Send the contract');

  // Reorder: the board follows.
  await page.click('.nav-link[data-view=directions]');
  const followUp = editor.locator('.stage-item', { hasText: 'Follow-up call' });
  await followUp.locator('[data-action=stage-up]').click();
  await followUp.locator('[data-action=stage-up]').click();
  await expect(editor.locator('.stage-name')).toHaveText(['Commercial offer', 'Payment', 'Follow-up call', 'Delivery', 'NPS survey', 'Won', 'Lost']);
  // Won cannot go before an open stage.
  await editor.locator('.stage-item', { hasText: 'Won' }).locator('[data-action=stage-up]').click();
  await expect(page.getByTestId('directions-error')).toContainText('Won and lost stages must come after the open ones');
  // Dragging a stage by its handle reorders too.
  await editor.locator('.stage-item', { hasText: 'Delivery' }).locator('.stage-handle')
    .dragTo(editor.locator('.stage-item', { hasText: 'Payment' }));
  await expect(editor.locator('.stage-name')).toHaveText(['Commercial offer', 'Delivery', 'Payment', 'Follow-up call', 'NPS survey', 'Won', 'Lost']);
  await editor.locator('.stage-item', { hasText: 'Payment' }).locator('.stage-handle')
    .dragTo(editor.locator('.stage-item', { hasText: 'Delivery' }));
  await page.click('.nav-link[data-view=board]');
  expect(await boardColumns(page)).toEqual(['Commercial offer', 'Payment', 'Delivery', 'Follow-up call', 'NPS survey', 'Won', 'Lost']);

  // Delete the stage holding the deal: it asks where the deal goes and says how many.
  await page.click('.nav-link[data-view=directions]');
  await editor.locator('.stage-item', { hasText: 'Follow-up call' }).locator('[data-action=delete-stage]').click();
  const dialog = page.getByTestId('delete-stage');
  await expect(dialog.getByTestId('delete-stage-count')).toContainText('1 deal will move to the stage you choose');
  // By default to the step before it (it used to be the direction's first stage).
  await expect(dialog.getByTestId('delete-stage-target').locator('option:checked')).toHaveText('Delivery');
  await dialog.getByTestId('delete-stage-target').selectOption({ label: 'Payment' });
  await dialog.locator('[data-action=confirm-delete-stage]').click();
  await expect(editor.locator('.stage-name')).toHaveText(['Commercial offer', 'Payment', 'Delivery', 'NPS survey', 'Won', 'Lost']);
  await page.reload();
  await page.click('.nav-link[data-view=board]');
  await expect(page.locator('.column', { hasText: 'Payment' }).locator('.deal-card')).toContainText('Chairs');

  // Archive hides the direction from the board; restore brings it back with its deal.
  await page.click('.nav-link[data-view=directions]');
  await page.locator('[data-action=archive]').click();
  await expect(page.locator('.direction-item .badge')).toHaveText('archived');
  await page.click('.nav-link[data-view=board]');
  await expect(page.locator('.deal-card')).toHaveCount(0);
  await page.click('.nav-link[data-view=directions]');
  await page.locator('[data-action=archive]').click();
  await page.click('.nav-link[data-view=board]');
  await expect(page.locator('.deal-card', { hasText: 'Chairs' })).toBeVisible();

  await page.click('.lang-button[data-lang=ru]');
  await page.click('.nav-link[data-view=directions]');
  await page.locator('[data-template=b2b-new]').click();
  await page.screenshot({ path: `${shots}/directions-ru.png`, fullPage: true });
});

test('deleting a direction with deals asks where they go', async ({ page }) => {
  await open(page, 'directions');
  await page.reload();
  await start(page, 'demo');
  await page.click('.nav-link[data-view=data]');
  const deals = await page.locator('[data-count=deals] dd').textContent();
  // A deal at «Contract and invoice» of B2B new clients, the direction deleted below.
  await page.click('.nav-link[data-view=board]');
  const contract = page.locator('.column', { has: page.locator('.column-title', { hasText: 'Contract and invoice' }) });
  const id = await contract.locator('.deal-card').first().getAttribute('data-deal');
  await page.click('.nav-link[data-view=directions]');
  await page.locator('[data-action=delete-direction]').click();
  const dialog = page.getByTestId('delete-direction');
  await expect(dialog).toContainText('deals will move to another direction');
  // The dialog shows the default it will apply: the stage of the same name.
  const contractRow = dialog.locator('label.field', { hasText: /^Contract and invoice \(\d+\)/ });
  await expect(contractRow.locator('option:checked')).toHaveText('Contract and invoice');
  await dialog.locator('[data-action=confirm-delete-direction]').click();
  await expect(page.locator('.direction-item')).toHaveCount(3);
  await page.click('.nav-link[data-view=data]');
  await expect(page.locator('[data-count=deals] dd')).toHaveText(deals);
  // By default it keeps its step: B2B repeat clients' own «Contract and invoice», not the
  // first stage there (it used to go back to «Individual offer»).
  await page.click('.nav-link[data-view=board]');
  await expect(page.getByTestId('direction-picker').locator('option:checked')).toHaveText(/B2B Repeat clients/);
  await expect(contract.locator(`.deal-card[data-deal="${id}"]`)).toHaveCount(1);
});
