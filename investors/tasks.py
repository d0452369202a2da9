from celery import shared_task


@shared_task(name="investors.tasks.send_reminder_digests")
def send_reminder_digests() -> str:
    """Daily (Celery beat): write the reminders whose threshold has passed and email each
    staff member a digest of theirs. Safe to run twice: a reminder is written once and sent
    once."""
    from .reminders import collect_reminders, send_digests

    created = collect_reminders()
    sent = send_digests()
    return f"{created} new reminders, {sent} digests sent"


@shared_task(name="investors.tasks.send_inquiry_acknowledgement")
def send_inquiry_acknowledgement(inquiry_id: int, to_sender: bool = True) -> str:
    """Acknowledge an inquiry to its sender (unless `to_sender` is false: the address had its
    share of acknowledgements today), in the language they wrote in, with the tracking
    reference and nothing the sender typed; tell the industry's named contact, if any.
    `acknowledged_at` records that this ran: a second run sends nothing."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import timezone, translation
    from django.utils.translation import gettext as _

    from accounts.mail import language_of

    from .models import Inquiry

    inquiry = Inquiry.objects.select_related("assigned_to").filter(pk=inquiry_id).first()
    if inquiry is None:
        return "gone"
    if inquiry.acknowledged_at is not None:
        return "already acknowledged"
    if to_sender:
        with translation.override(inquiry.language):
            send_mail(
                _("We received your inquiry (%(ref)s)") % {"ref": inquiry.reference},
                render_to_string("investors/email/inquiry_ack.txt", {"inquiry": inquiry}),
                settings.DEFAULT_FROM_EMAIL,
                [inquiry.email],
            )
    contact = inquiry.assigned_to
    if contact is not None and contact.email:
        with translation.override(language_of(contact)):
            send_mail(
                _("New inquiry for you: %(ref)s") % {"ref": inquiry.reference},
                render_to_string("investors/email/inquiry_routed.txt", {"inquiry": inquiry}),
                settings.DEFAULT_FROM_EMAIL,
                [contact.email],
            )
    # Only now: a retry after a failed send tries again; a second run sends nothing.
    Inquiry.objects.filter(pk=inquiry.pk).update(acknowledged_at=timezone.now())
    return inquiry.reference if to_sender else f"{inquiry.reference} (sender not mailed)"


@shared_task(name="investors.tasks.send_inquiry_answer")
def send_inquiry_answer(answer_id: int) -> str:
    """E-mail an answer to the inquiry's sender in the language they wrote in. Safe to run
    twice: an answer is e-mailed once (`emailed_at`)."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import timezone, translation
    from django.utils.translation import gettext as _

    from .models import InquiryAnswer

    answer = InquiryAnswer.objects.select_related("inquiry").filter(pk=answer_id).first()
    if answer is None:
        return "gone"
    if answer.emailed_at is not None:
        return "already e-mailed"
    inquiry = answer.inquiry
    with translation.override(inquiry.language):
        send_mail(
            _("Answer to your inquiry (%(ref)s)") % {"ref": inquiry.reference},
            render_to_string(
                "investors/email/inquiry_answer.txt", {"inquiry": inquiry, "answer": answer}
            ),
            settings.DEFAULT_FROM_EMAIL,
            [inquiry.email],
        )
    InquiryAnswer.objects.filter(pk=answer.pk).update(emailed_at=timezone.now())
    return inquiry.reference
