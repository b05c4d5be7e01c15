<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.activity_sources</name>
    <message>
      <location filename="cnnviz/core/analysis/activity_sources.py" />
      <source>a dataset by name needs the model's input spec: pass spec= or a loaded model</source>
      <translation>按名称使用数据集需要模型的输入规格：请传入 spec= 或一个已加载的模型</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/activity_sources.py" />
      <source>digits are grey 28×28 pages: repeated on 3 channels and resized to {h}×{w} for this model</source>
      <translation>digits 数据集是 28×28 的灰度图像：为适应此模型，已复制到 3 个通道并缩放到 {h}×{w}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/activity_sources.py" />
      <source>digits are grey 28×28 pages: repeated on 3 channels for this model</source>
      <translation>digits 数据集是 28×28 的灰度图像：为适应此模型，已复制到 3 个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/activity_sources.py" />
      <source>digits are grey 28×28 pages: resized to {h}×{w} for this model</source>
      <translation>digits 数据集是 28×28 的灰度图像：为适应此模型，已缩放到 {h}×{w}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/activity_sources.py" />
      <source>{path}: no such folder (give digits, shapes or a folder of images)</source>
      <translation>{path}：没有这个文件夹（请给出 digits、shapes 或一个图像文件夹）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/activity_sources.py" />
      <source>{path}: not a folder (give digits, shapes or a folder of images)</source>
      <translation>{path}：不是文件夹（请给出 digits、shapes 或一个图像文件夹）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/activity_sources.py" />
      <source>channel activity cancelled</source>
      <translation>通道活跃度统计已取消</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/activity_sources.py" />
      <source>{path}: cannot read the folder ({reason})</source>
      <translation>{path}：无法读取该文件夹（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/activity_sources.py" />
      <source>{path}: no image files in it or in its sub-folders</source>
      <translation>{path}：该文件夹及其子文件夹中没有图像文件</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/activity_sources.py" />
      <source>the images must be tensors [C, H, W] or batches [B, C, H, W], not {what}</source>
      <translation>图像必须是张量 [C, H, W] 或批次 [B, C, H, W]，而不是 {what}</translation>
    </message>
  </context>
</TS>
