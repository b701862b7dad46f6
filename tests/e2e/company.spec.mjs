// The workspace's own company (Data → Company details): each number checked as the user
// leaves its field, with the reason under it, in Russian and in English; saved as one step
// that a reload keeps and one Ctrl+Z takes back.
import { test, expect, open, start } from './helpers.mjs';

const field = (page, key) => page.locator(`.company-form [data-field=${key}]`);
const errorOf = (page, key) => page.locator(`#company-${key}-error`);

test('a Russian company: a mistyped ИНН and an account that is not the bank’s are named, the fixed ones saved and kept', async ({ page }) => {
  await open(page, 'data', 'ru');
  await page.reload();
  await start(page, 'templates');
  await page.click('.nav-link[data-view=data]');
  const card = page.locator('[data-section=company]');
  await expect(card.getByRole('heading')).toHaveText('Реквизиты компании');
  await expect(page.getByTestId('company-missing')).toContainText('Для счёта ещё нужны: Полное наименование, Юридический адрес, ИНН, Банк, БИК, Расчётный счёт');

  await field(page, 'name').fill('ПАО Сбербанк');
  await field(page, 'inn').fill('7707083894');
  await expect(errorOf(page, 'inn')).toBeEmpty(); // not while typing
  await field(page, 'inn').press('Tab');
  await expect(errorOf(page, 'inn')).toHaveText('Контрольные цифры не сходятся — проверьте, нет ли опечатки');
  await expect(field(page, 'inn')).toHaveAttribute('aria-invalid', 'true');
  await field(page, 'kpp').fill('7736010');
  await field(page, 'kpp').press('Tab');
  await expect(errorOf(page, 'kpp')).toHaveText('Нужно 9 цифр');
  await field(page, 'inn').fill('7707 083 893');
  await expect(errorOf(page, 'inn')).toBeEmpty();
  await field(page, 'kpp').fill('773601001');
  await field(page, 'address').fill('117312, г. Москва, ул. Вавилова, д. 19');
  await field(page, 'bank').fill('ПАО Сбербанк');
  await field(page, 'bik').fill('044525225');
  await field(page, 'correspondent_account').fill('30101810400000000225');
  await field(page, 'account').fill('40702810038000001231');
  await field(page, 'account').press('Tab');
  await expect(errorOf(page, 'account')).toHaveText('Контрольные цифры не сходятся — проверьте, нет ли опечатки');

  // Saving with the error is refused, and nothing is lost from the form.
  await page.click('[data-action=save-company]');
  await expect(page.getByTestId('company-saved')).toBeEmpty();
  await expect(field(page, 'name')).toHaveValue('ПАО Сбербанк');
  await field(page, 'account').fill('40702810038000001230');
  await expect(errorOf(page, 'account')).toBeEmpty();
  await expect(page.getByTestId('company-missing')).toHaveText('Готово для счетов');
  await page.click('[data-action=save-company]');
  await expect(page.getByTestId('company-saved')).toHaveText('Реквизиты сохранены');
  await expect(field(page, 'inn')).toHaveValue('7707083893'); // kept as digits
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');

  // One Ctrl+Z takes the whole card back, and the redo brings it again.
  await page.locator('body').press('Control+z');
  await expect(field(page, 'name')).toHaveValue('');
  await expect(field(page, 'bik')).toHaveValue('');
  await page.locator('body').press('Control+Shift+z');
  await expect(field(page, 'bik')).toHaveValue('044525225');
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');

  await page.reload();
  await expect(field(page, 'bik')).toHaveValue('044525225');
  await expect(field(page, 'account')).toHaveValue('40702810038000001230');
  await expect(page.getByTestId('company-missing')).toHaveText('Готово для счетов');
});

test('a foreign company in English: its IBAN is checked, its tax number is not', async ({ page }) => {
  await open(page, 'data', 'en');
  await page.reload();
  await start(page, 'templates');
  await page.click('.nav-link[data-view=data]');
  await page.locator('.company-form [data-field=foreign]').check();
  await expect(page.locator('label[for=company-inn]')).toHaveText('Tax number');
  await expect(field(page, 'bik')).toHaveCount(0);
  await field(page, 'name').fill('Alfa GmbH');
  await field(page, 'inn').fill('DE 123456789');
  await field(page, 'iban').fill('DE89 3704 0044 0532 0130 01');
  await field(page, 'iban').press('Tab');
  await expect(errorOf(page, 'iban')).toHaveText('The check digits do not match: look for a typo');
  await expect(page.getByTestId('company-missing')).toHaveText('An invoice still needs: Legal address, Bank');
  await field(page, 'iban').fill('DE89 3704 0044 0532 0130 00');
  await field(page, 'address').fill('Taunusanlage 12, Frankfurt am Main');
  await field(page, 'bank').fill('Deutsche Bank');
  await field(page, 'email').fill('not an address');
  await page.click('[data-action=save-company]');
  await expect(page.locator('#company-email-error')).toHaveText(/e-mail/i);
  await field(page, 'email').fill('office@alfa.example');
  await page.click('[data-action=save-company]');
  await expect(page.getByTestId('company-saved')).toHaveText('Details saved');
  await page.reload();
  await expect(page.locator('.company-form [data-field=foreign]')).toBeChecked();
  await expect(field(page, 'inn')).toHaveValue('DE 123456789');
});
