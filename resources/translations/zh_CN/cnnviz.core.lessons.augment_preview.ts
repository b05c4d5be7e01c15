<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.lessons.augment_preview</name>
    <message>
      <location filename="cnnviz/core/lessons/augment_preview.py" />
      <source>random flip</source>
      <translation>随机翻转</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/augment_preview.py" />
      <source>random crop (shift)</source>
      <translation>随机裁剪（平移）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/augment_preview.py" />
      <source>PCA lighting (faint, as in the paper)</source>
      <translation>PCA 光照变化（很轻微，与论文一致）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/augment_preview.py" />
      <source>all three</source>
      <translation>三者同时</translation>
    </message>
  </context>
</TS>
