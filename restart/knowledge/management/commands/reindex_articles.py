"""python manage.py reindex_articles — queue every article for the worker to index again.

After an upgrade that changes what the index holds (docs/operations.md, "Upgrades"), or after
changing the embedding model. Search keeps working meanwhile with what is indexed.
"""

from django.core.management.base import BaseCommand

from restart.knowledge.models import Article
from restart.knowledge.tasks import article_index


class Command(BaseCommand):
    help = "Queue every article for re-indexing by the task worker (lemmas, postings, passages, embeddings)."

    def handle(self, *args, **options):
        count = 0
        for article_id in Article.objects.values_list("pk", flat=True).iterator():
            article_index.enqueue(article_id=article_id)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"{count} articles queued for the worker."))
