/**
 * Passwords of 12 characters or more that appear near the top of breach corpora (e.g. the SecLists
 * "10-million-password-list" top entries) or are obvious for this product. NCSC and OWASP ASVS 2.1.7 advise
 * refusing known-breached passwords rather than imposing composition rules. Compared case-insensitively.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890ab', '1234567890qwerty', '12345678910', '123456123456', '123123123123', '111111111111',
  '000000000000', '121212121212', '123qweasdzxc', '1q2w3e4r5t6y', '1q2w3e4r5t6y7u', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv',
  'zaq12wsxcde3', 'zaq1zaq1zaq1', 'q1w2e3r4t5y6', 'qwertyuiop12', 'qwertyuiop123', 'qwerty123456', 'qwerty12345678',
  'qwertyqwerty', 'qazwsxedcrfv', 'qazwsxedc123', 'asdfghjkl123', 'asdfasdfasdf', 'asdfghjklqwe', 'zxcvbnm12345',
  'zxcvbnmasdfg', 'abc123abc123', 'abc123456789', 'abcdefghijkl', 'abcd1234abcd', 'aaaaaaaaaaaa', 'password1234',
  'password12345', 'password123!', 'password2023', 'password2024', 'password2025', 'password2026', 'passwordpassword',
  'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'mypassword123', 'mypassword1234', 'newpassword123', 'changeme1234',
  'changeme123!', 'letmein12345', 'letmeinletmein', 'welcome12345', 'welcome123!', 'welcome2024!', 'welcome2025!',
  'welcome2026!', 'administrator', 'administrator1', 'admin1234567', 'adminadmin123', 'iloveyou1234', 'iloveyouiloveyou',
  'trustno1trustno1', 'baseball1234', 'football1234', 'football12345', 'superman1234', 'batman123456', 'monkey123456',
  'sunshine1234', 'princess1234', 'dragon123456', 'master123456', 'shadow123456', 'michael12345', 'jennifer1234',
  'starwars1234', 'pokemon12345', 'computer1234', 'internet1234', 'whatever1234', 'qwertyuiopasdfgh', 'correcthorsebatterystaple',
  'thequickbrownfox', 'summer2024!!', 'winter2024!!', 'spring2025!!', 'autumn2025!!', 'london123456', 'manchester1',
  'liverpool1234', 'arsenal12345', 'chelsea12345', 'pledgepledge', 'pledge123456', 'privacy12345', 'privacyprivacy',
  'privacy-officer', 'dataprotection', 'gdpr12345678', 'gdprcompliance', 'letmein123456', 'secret123456', 'secretsecret',
]);
