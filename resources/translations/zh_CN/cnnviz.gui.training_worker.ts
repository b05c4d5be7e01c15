<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.training_worker</name>
    <message>
      <location filename="cnnviz/gui/training_worker.py" />
      <source>new classifier with {count} outputs for {dataset}'s classes</source>
      <translation>为 {dataset} 的类别换上有 {count} 个输出的新分类器</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/training_worker.py" />
      <source>trained on {dataset}</source>
      <translation>已用 {dataset} 训练</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/training_worker.py" />
      <source>probe image: {why}; using a validation image</source>
      <translation>探测图像：{why}；改用一张验证图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/training_worker.py" />
      <source>; the weights were put back as they were before this run</source>
      <translation>；权重已恢复为这次训练前的样子</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/training_worker.py" />
      <source>cannot write the checkpoint {file}: {why}</source>
      <translation>无法写入检查点 {file}：{why}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/training_worker.py" />
      <source>validation image ({label})</source>
      <translation>验证图像（{label}）</translation>
    </message>
  </context>
</TS>
