/**
 * A backup in container format 1 (one AES-GCM ciphertext of a zip), written by
 * createBackup as it was before backups were streamed (commit 74b83c9), so the
 * reader of old files is tested against a real old file, not a re-creation.
 * Backup passphrase 'backup på ekstern disk', 1000 PBKDF2 iterations. It holds the
 * project 'Arbeidsliv', participant Kari, one session, one segment, one note, one
 * coverage event, one key-list entry and three audio chunks [n, 8, 7, 6].
 *
 * Never regenerate it: its worth is that it was made by the old code.
 */
export const BACKUP_V1_PASSPHRASE = 'backup på ekstern disk';
export const BACKUP_V1_SESSION_ID = '13c4c38f-69f2-4d95-87bf-6dcee3965e1d';
export const BACKUP_V1_BASE64 = [
  'SU5URVJWSlUtQkFDS1VQAAG7HKRjnnDuoLrBrGGCgFJ7AAAD6Bp77dDCIa/Kp98oxwAAAAAAAAX1p7286WCT0+5WXYRnIrLMIHpW',
  'YjoJmqgJ8F0N9q1wTaYAt87lNcztw9/nBdMB+r62xTGjvZ0jXl5ItOXsVQ22Vcqa3Y8b1wf4hYI9FrWF0Ypzmcmjh+49iwMgGnOC',
  'guFdalsa5fwNH7b0T76p7dHCDolCIaVMRGr01OmNkHth7LmqegN4Q3rgqCz3Eq0+hXFF1lARnfQsji+ykZ5HbqcHUhq8SbVAS24u',
  't2pN7e9QGKQln2IgdtsHOsn+TpSincQmrGEQxd5xKR3VSeEG2/T4bSmeBaeJeB2CGrjb5V6kWcJA/gvc+NR7Pc8jAReUsq6nuoeU',
  'st13Ch248LrEiU65JjoGXCA33mGlPzElAo7ikmEd9UFw+IBnm7QXZqyQCkUWM46TbDhq/PtRxFULv4Ge7IEhywITZ4w7WYZBeZHy',
  'oVKBVQTEjEsDd5zcwGf8SP0gP1xpyc+CyBxT9uBWTvHQEcfRG507T9Vc3+H021UR+15uY09gwLOnrxs0PdjmGI0TSIOLG7tJuZkf',
  '/XhIdlt0QEcTa1L8DpfFEzjpU0SkExnweyTYp9IRjRvOGs2RJkRGkwkWAHHBKfI62Wa58u1hneKhGntAS3qX2YbouyahkKljX0mh',
  'OIbaXT7tfBDJV+mS/nlT4aHMnL1+3gohgMpC1kEB76JXY20AyHhsz1jx569eFNq4OwZdQf6x86PEXNx0pxmJK6vX37gJ25ZttgcU',
  'xCBkSfIpb88x2cq+yra+NNmd/X0yY5g5O4tFX+Wsm3RMPEQjSYJYZEIwucm+t0wVKn7qBgBGr+Wa2uSCjIqBQTlTOL5IPaBb6Tz5',
  '17ImYEMlJLGK+pblYcwruxtBDnttYi74Os3y0FlsBjg0XlsUPO7j47PDbckFBTBVLSlZx9qZrh6a7YagoHp/PZ6zBCzUPpWE24et',
  'pVwssiW9wnD1U6wkf2Q+TmKqif9jjOFuEbncdCAOCmbMyFgZmJL8+9rVNv1QxCVI1tHRdBSSErw6JDH9u4/L5dV95EO36Sz/IG37',
  'h/SkTFdHtmaHph0JNs8XlxLuj3bWo6DrLVX6MY8WJ76lKgb31nvUJLr/5CQltsyTuAhKiPF3Dn43Ha/y+L8t7Jpi1A1W/ZmrEz/I',
  'RoYaij3yLwn/8fhRz9aAxreghypv4BFBS3ECNcAJoWjIIuiF7tLwbJxZrlHud7h11X5SR5n1+yPPm67dWq2mBxDArOZcbOwni0FL',
  'B9aUrKTFfhE1adZmfYtADjg3tgmNawWfpt1BArjGdBk/jPJscQjbBqsaQm/kSnmeofW0jlGGbHA3Zv6M3INqPgWTO7C+eTIbf3gq',
  'cVeIwY7MEaGPVAqulKPc1ceczzC/+R6Tz21rFJSmf02Q5ucZo2KXIB4M7y+qdGGw29Q0HcIJH6qYOXdM3RiYW/ejrk6Q0ONPNqn5',
  'Z9OSjotv6ZJ+d5nCVJZBT4DmR4MNSMVQ7MShuUpL5nUTQjCITY4R44Rg14fU3+OI4Lo8ByPKhyRYxibNGdeDn1rVXE6OzkpM3vz9',
  'UhNTP+zfs1TtWpEAjEPBOzCN9181s63h6MmCmHinjJtlUSMDis7VSIeG509LTK/YLkD1qSoiN5aUecgm10032O1pbu9AD6rpdYue',
  'DhPvzgmrsJBJprbuz3NSM/RmcwxmzatGLnUt752424NRpfP98HwOPqQsYjbPxGrmMPOsBdZL7YJsuAn/VtME0wcR6mSG04u7X3BV',
  'H8QuojbyG0GwpRfHusTcvIrO55xQYElPNeeF95dZtdL4e0Fv9rYZAEodEyHT/4WAZbwvXnMx774a7yPsDKZ3lUPytJ2ppCniGlH2',
  'bLzPJl2/QkMOao5lSxuOCyewBSlLiCN9AW7IZ+kOBUhw2Skz+/Sa9ARWhv2D3q0/eCUNcGO7kCWf9kROHWzbEPzRUTyRUojz644G',
  'UKdAvcTl5yuPtc2kqE4lE6agB/PewwG9mQ8Lj98rPZznud7x3UBvVwzxgs5vgU285aw+TQ7AMwbAQIvLBzdXjsykxMxS6anLvNx6',
  'q9ux0D6OUw==',
].join('');
