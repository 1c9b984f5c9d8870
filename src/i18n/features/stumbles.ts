import { defineMessages } from "./define";

/** When the database stumbles: what people are told, and what they can do (README › When the database stumbles). */
export const stumbles = defineMessages({
  id: {
    "error.databaseBusy": "Sistem sedang sibuk sesaat. Silakan coba lagi sebentar lagi.",
    "error.notSaved": "Belum tersimpan: sistem sedang sibuk sesaat. Semua isian Anda masih ada; tekan \"Coba lagi\".",
    "error.notSavedNik": "Belum tersimpan: sistem sedang sibuk sesaat. Isian Anda masih ada, kecuali NIK: demi keamanan Anda, ketik NIK lagi di bawah, lalu tekan \"Coba lagi\".",
    "error.notSavedTitle": "Belum tersimpan",
    "error.tryAgain": "Coba lagi",
    "error.goBack": "Kembali ke halaman sebelumnya",
    "signup.notSaved": "Pendaftaran belum tersimpan karena sistem sedang sibuk sesaat. Semua jawaban Anda masih ada di formulir: tekan \"Coba lagi\".",
    "signup.notSavedNik": "Pendaftaran belum tersimpan karena sistem sedang sibuk sesaat. Jawaban Anda masih ada di formulir, kecuali NIK: demi keamanan Anda, ketik NIK lagi, lalu tekan \"Coba lagi\".",
    "signup.nikAgain": "Demi keamanan Anda, NIK tidak disimpan di halaman ini: ketik lagi.",
    "signup.received.title": "Pendaftaran diterima",
    "signup.received.body": "Terima kasih, {name}. Pendaftaran Anda untuk {event} sudah kami terima.",
    "signup.received.whatsapp": "Tiket Anda akan dikirim ke WhatsApp {phone} segera setelah sistem kami kembali normal, biasanya dalam beberapa menit. Anda tidak perlu mendaftar lagi.",
    "signup.received.keep": "Simpan nomor ini aktif. Jika tiket belum datang, tunjukkan nama Anda di meja bantuan.",
  },
  en: {
    "error.databaseBusy": "The system is busy for a moment. Please try again shortly.",
    "error.notSaved": "Not saved yet: the system is busy for a moment. Everything you entered is kept; press \"Try again\".",
    "error.notSavedNik": "Not saved yet: the system is busy for a moment. Your answers are kept, except the NIK: for your safety, type your NIK again below, then press \"Try again\".",
    "error.notSavedTitle": "Not saved yet",
    "error.tryAgain": "Try again",
    "error.goBack": "Back to the previous page",
    "signup.notSaved": "Your registration is not saved yet because the system is busy for a moment. All your answers are still in the form: press \"Try again\".",
    "signup.notSavedNik": "Your registration is not saved yet because the system is busy for a moment. Your answers are still in the form, except the NIK: for your safety, type your NIK again, then press \"Try again\".",
    "signup.nikAgain": "For your safety, your NIK is not kept on this page: please type it again.",
    "signup.received.title": "Registration received",
    "signup.received.body": "Thank you, {name}. Your registration for {event} has been received.",
    "signup.received.whatsapp": "Your ticket will be sent to WhatsApp {phone} as soon as our system is back to normal, usually within a few minutes. You do not need to register again.",
    "signup.received.keep": "Keep this number active. If the ticket does not arrive, give your name at the help desk.",
  },
});
